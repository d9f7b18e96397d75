import {
  Function as PprofFunction,
  Label,
  Line,
  Location,
  Profile,
  Sample,
  StringTable,
  ValueType,
} from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { cpuPerBusyWallTime, toCpuProfile } from './cpu-profile';

interface WallSample {
  count: number;
  wallNanos: number;
  cpuNanos: number;
  spanId?: string;
}

/** A wall profile as @datadog/pprof produces it, all samples on one function. */
function wallProfile(samples: WallSample[]): Profile {
  const strings = new StringTable();
  const fn = new PprofFunction({
    id: 1,
    name: strings.dedup('handler'),
    filename: strings.dedup('app.js'),
  });
  const location = new Location({ id: 1, line: [new Line({ functionId: 1, line: 3 })] });
  const wall = new ValueType({ type: strings.dedup('wall'), unit: strings.dedup('nanoseconds') });
  return new Profile({
    sampleType: [
      new ValueType({ type: strings.dedup('sample'), unit: strings.dedup('count') }),
      wall,
      new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') }),
    ],
    sample: samples.map(
      ({ count, wallNanos, cpuNanos, spanId }) =>
        new Sample({
          locationId: [1],
          value: [count, wallNanos, cpuNanos],
          label:
            spanId === undefined
              ? []
              : [new Label({ key: strings.dedup('span_id'), str: strings.dedup(spanId) })],
        }),
    ),
    location: [location],
    function: [fn],
    stringTable: strings,
    periodType: wall,
    period: 10_000_000,
    timeNanos: 1_700_000_000_000_000_000n,
    durationNanos: 15_000_000_000,
  });
}

const values = (profile: Profile) => profile.sample.map((s) => s.value.map(Number));

describe('toCpuProfile', () => {
  it('is a CPU profile: samples/count + cpu/nanoseconds with a cpu period, labels kept', () => {
    const input = wallProfile([
      { count: 1, wallNanos: 10_000_000, cpuNanos: 10_000_000, spanId: '00f067aa0ba902b7' },
    ]);
    const cpu = Profile.decode(toCpuProfile(input).encode());
    const text = (i: unknown) => cpu.stringTable.strings[Number(i)];

    expect(cpu.sampleType.map((t) => `${text(t.type)}/${text(t.unit)}`)).toEqual([
      'samples/count',
      'cpu/nanoseconds',
    ]);
    expect(`${text(cpu.periodType?.type)}/${text(cpu.periodType?.unit)}`).toBe('cpu/nanoseconds');
    expect(Number(cpu.period)).toBe(10_000_000);
    expect(text(cpu.defaultSampleType)).toBe('cpu');
    const [labeled] = cpu.sample;
    expect(labeled!.label.map((l) => [text(l.key), text(l.str)])).toEqual([
      ['span_id', '00f067aa0ba902b7'],
    ]);
    expect(text(cpu.function[0]?.name)).toBe('handler');
  });

  it('credits busy ticks with their wall time, not with the CPU since the previous tick', () => {
    // A 2 ms burst ended before the next tick, which found the thread idle: the
    // idle tick carries that CPU, the busy one saw little of it.
    const cpu = toCpuProfile(
      wallProfile([
        { count: 1, wallNanos: 10_000_000, cpuNanos: 500_000, spanId: 'aaaaaaaaaaaaaaaa' },
        { count: 1, wallNanos: 10_000_000, cpuNanos: 10_000_000, spanId: 'bbbbbbbbbbbbbbbb' },
        { count: 3, wallNanos: 0, cpuNanos: 9_500_000 },
      ]),
    );
    expect(values(cpu)).toEqual([
      [1, 10_000_000],
      [1, 10_000_000],
    ]);
  });

  it('scales busy wall time down to the CPU the thread got when it was preempted', () => {
    const cpu = toCpuProfile(
      wallProfile([
        { count: 2, wallNanos: 20_000_000, cpuNanos: 6_000_000 },
        { count: 2, wallNanos: 20_000_000, cpuNanos: 6_000_000 },
        { count: 1, wallNanos: 0, cpuNanos: 0 },
      ]),
    );
    expect(values(cpu)).toEqual([
      [2, 6_000_000],
      [2, 6_000_000],
    ]);
    expect(cpuPerBusyWallTime([{ count: 4, wallNanos: 40_000_000, cpuNanos: 12_000_000 }])).toBe(
      0.3,
    );
  });

  it('never credits more CPU than busy wall time, and keeps the measured CPU of other threads', () => {
    const cpu = toCpuProfile(
      wallProfile([
        { count: 1, wallNanos: 10_000_000, cpuNanos: 10_000_000 },
        { count: 50, wallNanos: 0, cpuNanos: 40_000_000 },
        { count: 0, wallNanos: 0, cpuNanos: 7_000_000 },
      ]),
    );
    expect(values(cpu)).toEqual([
      [1, 10_000_000],
      [0, 7_000_000],
    ]);
  });
  it('yields no samples when the input has no CPU time', () => {
    const strings = new StringTable();
    const wall = new ValueType({ type: strings.dedup('wall'), unit: strings.dedup('nanoseconds') });
    const profile = new Profile({
      sampleType: [wall],
      sample: [new Sample({ locationId: [], value: [10] })],
      stringTable: strings,
      periodType: wall,
    });
    expect(toCpuProfile(profile).sample).toEqual([]);
  });
});
