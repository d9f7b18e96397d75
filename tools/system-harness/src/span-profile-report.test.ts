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
import { cpuSamples } from '@rideshare/telemetry-receivers';
import {
  formatSpanNameReport,
  formatTraceReport,
  frameName,
  newestCompleteTrace,
  serviceCpu,
  spanNameProfiles,
  traceReport,
} from './span-profile-report';

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

interface Entry {
  /** Function names, leaf first; `name@file` gives a function its file. */
  stack: string[];
  spanId?: string;
  spanName?: string;
  nanos: number;
}

/** A CPU profile with one sample per entry. */
function cpuProfile(entries: Array<[string, string, number] | Entry>): Profile {
  const strings = new StringTable();
  const functions = new Map<string, PprofFunction>();
  const locationOf = new Map<string, Location>();
  const locate = (frame: string): Location => {
    let location = locationOf.get(frame);
    if (!location) {
      const at = frame.indexOf('@');
      const [name, file] = at < 0 ? [frame, ''] : [frame.slice(0, at), frame.slice(at + 1)];
      const fn = new PprofFunction({
        id: functions.size + 1,
        name: strings.dedup(name),
        filename: strings.dedup(file),
      });
      functions.set(frame, fn);
      location = new Location({ id: fn.id, line: [new Line({ functionId: fn.id })] });
      locationOf.set(frame, location);
    }
    return location;
  };
  const samples = entries.map((entry) => {
    const { stack, spanId, spanName, nanos } = Array.isArray(entry)
      ? { stack: [entry[0]], spanId: entry[1], spanName: undefined, nanos: entry[2] }
      : entry;
    const label = [];
    if (spanId)
      label.push(new Label({ key: strings.dedup('span_id'), str: strings.dedup(spanId) }));
    if (spanName)
      label.push(new Label({ key: strings.dedup('span_name'), str: strings.dedup(spanName) }));
    return new Sample({
      locationId: stack.map((frame) => locate(frame).id),
      value: [1, nanos],
      label,
    });
  });
  return new Profile({
    sampleType: [
      new ValueType({ type: strings.dedup('samples'), unit: strings.dedup('count') }),
      new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') }),
    ],
    sample: samples,
    location: [...locationOf.values()],
    function: [...functions.values()],
    stringTable: strings,
  });
}

const captured = (profile: Profile, service = 'pricing-service') => [
  { labels: { service_name: service }, id: undefined, gzipped: true, profile },
];

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
    const report = traceReport('t1', [root, child, remoteChild], captured(profile));

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
    const text = formatTraceReport(report);
    expect(text).toContain('estimateRoute 50 ms');
    expect(text).toMatch(/ CPU -\n\(CPU -: no sample; /);
  });

  it('finds the newest trace with a local root in every service', () => {
    const spans = [
      span({ traceId: 'old', serviceName: 'a', spanId: '1' }),
      span({
        traceId: 'old',
        serviceName: 'b',
        spanId: '2',
        parentSpanId: '1',
        parentIsRemote: true,
      }),
      span({ traceId: 'new', serviceName: 'a', spanId: '3' }),
      // a child, not a local root: b has no root in 'new'
      span({ traceId: 'new', serviceName: 'b', spanId: '4', parentSpanId: '3' }),
    ];
    expect(newestCompleteTrace(spans, ['a', 'b'])).toBe('old');
    expect(newestCompleteTrace(spans, ['a', 'b', 'c'])).toBeUndefined();
  });
});

describe('span-name view', () => {
  const app = '/srv/app/apps/pricing-service/dist/quotes.js';
  const lib = '/srv/app/node_modules/.pnpm/pg@8/node_modules/pg/lib/client.js';
  const pprof =
    '/srv/app/node_modules/.pnpm/x/node_modules/@datadog/pprof/out/src/time-profiler.js';
  const profile = cpuProfile([
    {
      stack: [`writev@node:net`, `quote@${app}`],
      spanId: 'a',
      spanName: 'POST /quotes',
      nanos: 20e6,
    },
    {
      stack: [`estimateRoute@${app}`, `quote@${app}`],
      spanId: 'b',
      spanName: 'POST /quotes',
      nanos: 50e6,
    },
    { stack: [`(anonymous:L#7:C#3)@${app}`], spanId: 'b', spanName: 'POST /quotes', nanos: 10e6 },
    { stack: [`parseRow@${lib}`], spanId: 'c', spanName: 'process ride.requested', nanos: 10e6 },
    { stack: [`parseRow@${lib}`], nanos: 15e6 },
    { stack: [`stop@${pprof}`], nanos: 5e6 },
    { stack: ['(idle)'], nanos: 0 },
    { stack: ['Garbage Collection', 'Node.js'], nanos: 40e6 },
  ]);
  const samples = cpuSamples(captured(profile));

  it("groups a service's labeled samples by span name, with hot functions and its own code", () => {
    const [quotes, processing] = spanNameProfiles(samples);
    expect(quotes).toMatchObject({
      serviceName: 'pricing-service',
      spanName: 'POST /quotes',
      sampledSpans: 2,
      cpuMs: 80,
      hot: [
        { name: 'estimateRoute', cpuMs: 50 },
        { name: 'writev', cpuMs: 20 },
        { name: '(anonymous) pricing-service/dist/quotes.js:7', cpuMs: 10 },
      ],
      ownCode: [
        { name: 'quote', cpuMs: 70 },
        { name: 'estimateRoute', cpuMs: 50 },
        { name: '(anonymous) pricing-service/dist/quotes.js:7', cpuMs: 10 },
      ],
    });
    expect(processing).toMatchObject({ spanName: 'process ride.requested', ownCode: [] });
  });

  it("sums a service's JavaScript CPU without GC, the share in spans, (idle) and the profiler", () => {
    const service = serviceCpu(samples, 'pricing-service');
    expect(service).toMatchObject({ javascriptMs: 110, idleShare: 0, profilerMs: 5 });
    expect(service.inSpansShare).toBeCloseTo(90 / 110);
    const text = formatSpanNameReport([service], spanNameProfiles(samples));
    expect(text).toContain('pricing-service: JavaScript CPU 110 ms, 82% in spans, (idle) 0%');
    expect(text).toMatch(
      /POST \/quotes +2 spans sampled {2}CPU +80 ms {2}hot: estimateRoute 50 ms/,
    );
  });

  it('names anonymous frames by file and line', () => {
    expect(frameName('(anonymous:L#74:C#9)', '/x/packages/service-kit/dist/outbox.js')).toBe(
      '(anonymous) service-kit/dist/outbox.js:74',
    );
    expect(frameName('', '')).toBe('(anonymous) unknown file');
    expect(frameName('quote', '/x/a.js')).toBe('quote');
  });
});
