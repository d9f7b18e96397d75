import { Profile, Sample, ValueType } from 'pprof-format';

/**
 * Turns the wall-time profile of @datadog/pprof (sample types
 * `[sample/count, wall/nanoseconds, cpu/nanoseconds]`, period `wall/nanoseconds`)
 * into a pure CPU profile: sample types `[samples/count, cpu/nanoseconds]`,
 * period `cpu/nanoseconds`. Samples that used no CPU time (the thread was
 * idle or blocked) are dropped. Pyroscope derives the profile type
 * `process_cpu:cpu:nanoseconds:cpu:nanoseconds` from the `cpu/nanoseconds`
 * sample type and the period type, together with the series name `process_cpu`.
 *
 * Locations, functions, labels and the string table are shared with the input.
 */
export function toCpuProfile(wall: Profile): Profile {
  const strings = wall.stringTable;
  const countIndex = indexOfSampleType(wall, 'sample', 'count');
  const cpuIndex = indexOfSampleType(wall, 'cpu', 'nanoseconds');

  const cpuType = new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') });
  const samples: Sample[] = [];
  if (cpuIndex !== -1) {
    for (const sample of wall.sample) {
      const cpuNanos = sample.value[cpuIndex] ?? 0;
      if (Number(cpuNanos) <= 0) continue;
      const count = countIndex === -1 ? 1 : (sample.value[countIndex] ?? 0);
      samples.push(
        new Sample({
          locationId: sample.locationId,
          value: [count, cpuNanos],
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

function indexOfSampleType(profile: Profile, type: string, unit: string): number {
  const strings = profile.stringTable.strings;
  return profile.sampleType.findIndex(
    (valueType) =>
      strings[Number(valueType.type)] === type && strings[Number(valueType.unit)] === unit,
  );
}
