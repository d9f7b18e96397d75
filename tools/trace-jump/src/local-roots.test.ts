import { describe, expect, it } from 'vitest';
import { groupLocalRootsByService, isLocalRoot } from './local-roots';
import type { TraceSpan } from './tempo/trace-document';

function span(service: string, spanId: string, startMs: number, profiled: boolean): TraceSpan {
  return {
    spanId,
    parentSpanId: null,
    name: `${service} op`,
    service,
    startMs,
    endMs: startMs + 1,
    durationMs: 1,
    profileId: profiled ? spanId : null,
  };
}

describe('local root selection', () => {
  it('counts only spans carrying pyroscope.profile.id', () => {
    expect(isLocalRoot(span('a', '1111111111111111', 0, true))).toBe(true);
    expect(isLocalRoot(span('a', '1111111111111111', 0, false))).toBe(false);
  });

  it('groups local roots by service, ordered by first start, spans by start', () => {
    const spans = [
      span('driver-service', 'dddddddddddddddd', 30, true),
      span('api-gateway', 'aaaaaaaaaaaaaaa2', 5, false),
      span('ride-service', 'bbbbbbbbbbbbbbb2', 40, true),
      span('api-gateway', 'aaaaaaaaaaaaaaa1', 0, true),
      span('ride-service', 'bbbbbbbbbbbbbbb1', 10, true),
      span('worker', 'eeeeeeeeeeeeeeee', 1, false),
    ];
    const grouped = groupLocalRootsByService(spans);
    expect(grouped.map((group) => [group.service, group.roots.map((root) => root.spanId)])).toEqual(
      [
        ['api-gateway', ['aaaaaaaaaaaaaaa1']],
        ['ride-service', ['bbbbbbbbbbbbbbb1', 'bbbbbbbbbbbbbbb2']],
        ['driver-service', ['dddddddddddddddd']],
      ],
    );
  });

  it('returns nothing for a trace without profiled spans', () => {
    expect(groupLocalRootsByService([span('a', '1111111111111111', 0, false)])).toEqual([]);
  });
});
