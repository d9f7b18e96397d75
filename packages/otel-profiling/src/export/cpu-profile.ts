import { Profile, Sample, ValueType } from 'pprof-format';

/**
 * Turns the wall-time profile of @datadog/pprof (sample types
 * `[sample/count, wall/nanoseconds, cpu/nanoseconds]`, period `wall/nanoseconds`)
 * into a pure CPU profile: sample types `[samples/count, cpu/nanoseconds]`,
 * period `cpu/nanoseconds`. Pyroscope derives the profile type
 * `process_cpu:cpu:nanoseconds:cpu:nanoseconds` from the `cpu/nanoseconds`
 * sample type and the period type, together with the series name `process_cpu`.
 *
 * How much CPU a sample stands for: V8 samples the JavaScript thread on a
 * wall-clock tick. A tick that finds the thread running (any stack but
 * `(idle)`) stands for the wall time since the previous tick, which the input
 * holds as the sample's `wall` value; `(idle)` ticks stand for nothing. Over a
 * profile, the ticks landing in a function are proportional to the time the
 * thread spent in it, however short each stay was, so a 0.5 ms burst between
 * two ticks is credited (in expectation) with 0.5 ms — not billed to whatever
 * the next tick happens to see, as weighting a tick with "CPU since the
 * previous tick" does. Busy wall time becomes CPU time through one ratio per
 * profile: the JavaScript thread's measured CPU over its busy wall time,
 * capped at 1. It is below 1 when other processes took the core away while
 * JavaScript was running; the cap keeps CPU used while idle (event-loop
 * polling, the sampler's own signal handling) from inflating busy stacks.
 *
 * Samples of the other threads (`count` 0: V8 reports their measured CPU on a
 * frame of its own) keep the CPU they carry. Locations, functions, labels and
 * the string table are shared with the input.
 */
export function toCpuProfile(wall: Profile): Profile {
  const strings = wall.stringTable;
  const countIndex = indexOfSampleType(wall, 'sample', 'count');
  const wallIndex = indexOfSampleType(wall, 'wall', 'nanoseconds');
  const cpuIndex = indexOfSampleType(wall, 'cpu', 'nanoseconds');

  const cpuType = new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') });
  const samples: Sample[] = [];
  if (countIndex !== -1 && wallIndex !== -1 && cpuIndex !== -1) {
    const valuesOf = (sample: Sample) => ({
      count: Number(sample.value[countIndex] ?? 0),
      wallNanos: Number(sample.value[wallIndex] ?? 0),
      cpuNanos: Number(sample.value[cpuIndex] ?? 0),
    });
    const cpuPerBusyWall = cpuPerBusyWallTime(wall.sample.map(valuesOf));
    for (const sample of wall.sample) {
      const { count, wallNanos, cpuNanos } = valuesOf(sample);
      const estimate = count > 0 ? Math.round(wallNanos * cpuPerBusyWall) : cpuNanos;
      if (estimate <= 0) continue;
      samples.push(
        new Sample({
          locationId: sample.locationId,
          value: [count, estimate],
          label: sample.label,
        }),
      );
    }
  }

  return new Profile({
    sampleType: [
      new ValueType({ type: strings.dedup('samples'), unit: strings.dedup('count') }),
      cpuType,
    ],
    sample: samples,
    mapping: wall.mapping,
    location: wall.location,
    function: wall.function,
    stringTable: strings,
    timeNanos: wall.timeNanos,
    durationNanos: wall.durationNanos,
    periodType: cpuType,
    period: wall.period,
    comment: wall.comment,
    defaultSampleType: strings.dedup('cpu'),
  });
}

interface SampleValues {
  count: number;
  wallNanos: number;
  cpuNanos: number;
}

/**
 * CPU time per nanosecond of busy wall time on the JavaScript thread (samples
 * with a tick count): its measured CPU, idle ticks included, over the wall time
 * of its busy ticks; at most 1.
 */
export function cpuPerBusyWallTime(samples: SampleValues[]): number {
  let cpuNanos = 0;
  let busyWallNanos = 0;
  for (const sample of samples) {
    if (sample.count <= 0) continue;
    cpuNanos += sample.cpuNanos;
    busyWallNanos += sample.wallNanos;
  }
  return busyWallNanos > 0 ? Math.min(1, cpuNanos / busyWallNanos) : 0;
}

function indexOfSampleType(profile: Profile, type: string, unit: string): number {
  const strings = profile.stringTable.strings;
  return profile.sampleType.findIndex(
    (valueType) =>
      strings[Number(valueType.type)] === type && strings[Number(valueType.unit)] === unit,
  );
}
