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
import { toCpuProfile } from './cpu-profile';

function wallProfile(): Profile {
  const strings = new StringTable();
  const fn = new PprofFunction({
    id: 1,
    name: strings.dedup('handler'),
    filename: strings.dedup('app.js'),
  });
  const location = new Location({ id: 1, line: [new Line({ functionId: 1, line: 3 })] });
  const spanLabel = new Label({
    key: strings.dedup('span_id'),
    str: strings.dedup('00f067aa0ba902b7'),
  });
  const wall = new ValueType({ type: strings.dedup('wall'), unit: strings.dedup('nanoseconds') });
  return new Profile({
    sampleType: [
      new ValueType({ type: strings.dedup('sample'), unit: strings.dedup('count') }),
      wall,
      new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') }),
    ],
    sample: [
      new Sample({ locationId: [1], value: [1, 10_000_000, 9_000_000], label: [spanLabel] }),
      new Sample({ locationId: [1], value: [3, 30_000_000, 0] }),
      new Sample({ locationId: [1], value: [0, 0, 2_000_000] }),
    ],
    location: [location],
    function: [fn],
    stringTable: strings,
    periodType: wall,
    period: 10_000_000,
    timeNanos: 1_700_000_000_000_000_000n,
    durationNanos: 15_000_000_000,
  });
}

describe('toCpuProfile', () => {
  it('keeps CPU samples only, as samples/count + cpu/nanoseconds with a cpu period', () => {
    const cpu = Profile.decode(toCpuProfile(wallProfile()).encode());
    const text = (i: unknown) => cpu.stringTable.strings[Number(i)];

    expect(cpu.sampleType.map((t) => `${text(t.type)}/${text(t.unit)}`)).toEqual([
      'samples/count',
      'cpu/nanoseconds',
    ]);
    expect(`${text(cpu.periodType?.type)}/${text(cpu.periodType?.unit)}`).toBe('cpu/nanoseconds');
    expect(Number(cpu.period)).toBe(10_000_000);
    expect(text(cpu.defaultSampleType)).toBe('cpu');
    expect(cpu.sample.map((s) => s.value.map(Number))).toEqual([
      [1, 9_000_000],
      [0, 2_000_000],
    ]);
    const [labeled] = cpu.sample;
    expect(labeled!.label.map((l) => [text(l.key), text(l.str)])).toEqual([
      ['span_id', '00f067aa0ba902b7'],
    ]);
    expect(text(cpu.function[0]?.name)).toBe('handler');
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
