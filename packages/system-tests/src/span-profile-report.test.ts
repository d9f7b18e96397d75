import {
  Profile,
  StringTable,
  ValueType,
  Sample,
  Label,
  Location,
  Line,
  Function as PprofFunction,
} from 'pprof-format';
import { describe, expect, it } from 'vitest';
import type { CapturedSpan } from '@rideshare/telemetry-receivers';
import { formatTraceReport, newestTraceAcross, traceReport } from './span-profile-report';

function span(partial: Partial<CapturedSpan>): CapturedSpan {
  return {
    serviceName: 'pricing-service',
    traceId: 't1',
    spanId: 'a'.repeat(16),
    parentSpanId: undefined,
    parentIsRemote: false,
    name: 'POST /quotes',
    kind: 2,
    attributes: {},
    resource: {},
    ...partial,
  };
}

/** A CPU profile with one sample per entry: [leaf function, span id, cpu ns]. */
function cpuProfile(entries: Array<[string, string, number]>): Profile {
  const strings = new StringTable();
  const functions = new Map<string, PprofFunction>();
  const locations: Location[] = [];
  const samples = entries.map(([fn, spanId, nanos]) => {
    let f = functions.get(fn);
    if (!f) {
      f = new PprofFunction({ id: functions.size + 1, name: strings.dedup(fn) });
      functions.set(fn, f);
      locations.push(new Location({ id: f.id, line: [new Line({ functionId: f.id })] }));
    }
    return new Sample({
      locationId: [f.id],
      value: [1, nanos],
      label: [new Label({ key: strings.dedup('span_id'), str: strings.dedup(spanId) })],
    });
  });
  return new Profile({
    sampleType: [
      new ValueType({ type: strings.dedup('samples'), unit: strings.dedup('count') }),
      new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') }),
    ],
    sample: samples,
    location: locations,
    function: [...functions.values()],
    stringTable: strings,
  });
}

describe('traceReport', () => {
  it('sums each local root span CPU samples and ranks its functions by self time', () => {
    const root = span({ attributes: { 'pyroscope.profile.id': 'a'.repeat(16) } });
    const child = span({ spanId: 'b'.repeat(16), parentSpanId: root.spanId, name: 'pg.query' });
    const remoteChild = span({
      spanId: 'c'.repeat(16),
      parentSpanId: 'd'.repeat(16),
      parentIsRemote: true,
      name: 'process',
    });
    const profile = cpuProfile([
      ['estimateRoute', root.spanId, 30e6],
      ['simulateTraffic', root.spanId, 10e6],
      ['estimateRoute', root.spanId, 20e6],
      ['elsewhere', 'e'.repeat(16), 99e6],
    ]);
    const report = traceReport(
      't1',
      [root, child, remoteChild],
      [{ labels: { service_name: 'pricing-service' }, id: undefined, gzipped: true, profile }],
    );

    expect(report.roots.map((r) => r.spanId)).toEqual([root.spanId, remoteChild.spanId]);
    expect(report.roots[0]).toMatchObject({
      profileId: root.spanId,
      cpuMs: 60,
      topFunctions: [
        { name: 'estimateRoute', cpuMs: 50 },
        { name: 'simulateTraffic', cpuMs: 10 },
      ],
    });
    expect(report.roots[1]).toMatchObject({ profileId: undefined, cpuMs: 0, topFunctions: [] });
    expect(formatTraceReport(report)).toContain('estimateRoute 50 ms');
  });

  it('finds the newest trace that reached enough services', () => {
    const spans = [
      span({ traceId: 'old', serviceName: 'a' }),
      span({ traceId: 'old', serviceName: 'b' }),
      span({ traceId: 'new', serviceName: 'a' }),
    ];
    expect(newestTraceAcross(spans, 2)).toBe('old');
    expect(newestTraceAcross(spans, 3)).toBeUndefined();
  });
});
