import { endpoint } from './http';
import { serviceSelector } from './pyroscope/pyroscope-client';

/** Datasource uids provisioned in infra/ Grafana (Tempo's `tracesToProfiles` points at the Pyroscope one). */
export const TEMPO_DATASOURCE_UID = 'tempo';
export const PYROSCOPE_DATASOURCE_UID = 'pyroscope';
const PYROSCOPE_DATASOURCE_TYPE = 'grafana-pyroscope-datasource';

/** Time around a span shown by the links (profiles are stamped with the start of their upload window). */
const LINK_RANGE_MARGIN_MS = 5 * 60_000;

export interface SpanLinkTarget {
  traceId: string;
  spanId: string;
  service: string;
  startMs: number;
  endMs: number;
}

function exploreUrl(grafanaUrl: string, paneId: string, pane: object): string {
  const query = new URLSearchParams({
    schemaVersion: '1',
    orgId: '1',
    panes: JSON.stringify({ [paneId]: pane }),
  });
  return endpoint(grafanaUrl, '/explore', query).toString();
}

function range(target: SpanLinkTarget): { from: string; to: string } {
  return {
    from: String(Math.floor(target.startMs - LINK_RANGE_MARGIN_MS)),
    to: String(Math.ceil(target.endMs + LINK_RANGE_MARGIN_MS)),
  };
}

/** Grafana Explore on the Tempo datasource: the trace, with the span opened. */
export function grafanaTraceLink(grafanaUrl: string, target: SpanLinkTarget): string {
  return exploreUrl(grafanaUrl, 'trace', {
    datasource: TEMPO_DATASOURCE_UID,
    queries: [
      {
        refId: 'A',
        datasource: { type: 'tempo', uid: TEMPO_DATASOURCE_UID },
        queryType: 'traceql',
        query: target.traceId,
      },
    ],
    range: range(target),
    panelsState: { trace: { spanId: target.spanId } },
  });
}

/** Grafana Explore on the Pyroscope datasource: the flame graph of exactly this span's samples. */
export function grafanaProfileLink(
  grafanaUrl: string,
  profileTypeId: string,
  target: SpanLinkTarget,
): string {
  return exploreUrl(grafanaUrl, 'profile', {
    datasource: PYROSCOPE_DATASOURCE_UID,
    queries: [
      {
        refId: 'A',
        datasource: { type: PYROSCOPE_DATASOURCE_TYPE, uid: PYROSCOPE_DATASOURCE_UID },
        queryType: 'profile',
        profileTypeId,
        labelSelector: serviceSelector(target.service),
        spanSelector: [target.spanId],
        groupBy: [],
      },
    ],
    range: range(target),
  });
}
