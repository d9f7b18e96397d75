import { describe, expect, it } from 'vitest';
import { grafanaProfileLink, grafanaTraceLink } from './links';

const target = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  service: 'pricing-service',
  startMs: 1_760_000_000_000.5,
  endMs: 1_760_000_000_040.25,
};

function panes(link: string): Record<string, Record<string, unknown>> {
  const url = new URL(link);
  expect(url.searchParams.get('schemaVersion')).toBe('1');
  expect(url.searchParams.get('orgId')).toBe('1');
  return JSON.parse(url.searchParams.get('panes') ?? 'null') as Record<
    string,
    Record<string, unknown>
  >;
}

describe('Grafana links', () => {
  it('opens the trace on the Tempo datasource with the span selected', () => {
    const link = grafanaTraceLink('http://127.0.0.1:3000', target);
    expect(new URL(link).origin + new URL(link).pathname).toBe('http://127.0.0.1:3000/explore');
    expect(panes(link)).toEqual({
      trace: {
        datasource: 'tempo',
        queries: [
          {
            refId: 'A',
            datasource: { type: 'tempo', uid: 'tempo' },
            queryType: 'traceql',
            query: target.traceId,
          },
        ],
        range: {
          from: String(1_760_000_000_000 - 300_000),
          to: String(1_760_000_000_041 + 300_000),
        },
        panelsState: { trace: { spanId: target.spanId } },
      },
    });
  });

  it('opens the span profile on the Pyroscope datasource', () => {
    const link = grafanaProfileLink(
      'https://grafana.example/sub/',
      'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      target,
    );
    expect(new URL(link).pathname).toBe('/sub/explore');
    const pane = panes(link).profile;
    expect(pane?.queries).toEqual([
      {
        refId: 'A',
        datasource: { type: 'grafana-pyroscope-datasource', uid: 'pyroscope' },
        queryType: 'profile',
        profileTypeId: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
        labelSelector: '{service_name="pricing-service"}',
        spanSelector: ['00f067aa0ba902b7'],
        groupBy: [],
      },
    ]);
  });

  it('escapes values instead of gluing strings', () => {
    const link = grafanaProfileLink('http://g', 'p', { ...target, service: 'we"ird&service' });
    const pane = panes(link).profile as { queries: { labelSelector: string }[] };
    expect(pane.queries[0]?.labelSelector).toBe('{service_name="we\\"ird&service"}');
  });
});
