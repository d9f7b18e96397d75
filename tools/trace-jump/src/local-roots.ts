import type { TraceSpan } from './tempo/trace-document';

/** A span carrying `pyroscope.profile.id`, i.e. a service's local root with a profile link. */
export type LocalRootSpan = TraceSpan & { profileId: string };

export interface ServiceLocalRoots {
  service: string;
  roots: LocalRootSpan[];
}

export function isLocalRoot(span: TraceSpan): span is LocalRootSpan {
  return span.profileId !== null;
}

/**
 * The local root spans of every service, services ordered by their first
 * local root's start, spans by start time.
 */
export function groupLocalRootsByService(spans: readonly TraceSpan[]): ServiceLocalRoots[] {
  const roots = spans
    .filter(isLocalRoot)
    .sort((a, b) => a.startMs - b.startMs || a.spanId.localeCompare(b.spanId));
  const byService = new Map<string, LocalRootSpan[]>();
  for (const root of roots) {
    const list = byService.get(root.service) ?? [];
    list.push(root);
    byService.set(root.service, list);
  }
  return [...byService].map(([service, list]) => ({ service, roots: list }));
}
