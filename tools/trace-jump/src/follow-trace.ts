import { setTimeout as sleep } from 'node:timers/promises';
import {
  groupLocalRootsByService,
  type LocalRootSpan,
  type ServiceLocalRoots,
} from './local-roots';
import type { FlameGraph } from './pyroscope/flamegraph';
import type { PyroscopeClient } from './pyroscope/pyroscope-client';
import type { TempoClient } from './tempo/tempo-client';
import { PROFILE_ID_ATTRIBUTE } from '@rideshare/otel-profiling/constants';
import type { TraceSpan } from './tempo/trace-document';

/**
 * A trace counts as complete once its newest span ended this long ago:
 * OpenTelemetry's batch span processor exports within 5 s of a span's end.
 */
export const TRACE_SETTLE_MS = 10_000;

/**
 * Pyroscope stamps a profile with the start of its upload window, so a
 * span's samples sit in a profile stamped up to one window before the span.
 */
export const PROFILE_QUERY_MARGIN_MS = 2 * 60_000;

export type ProfileOutcome =
  | { status: 'found'; graph: FlameGraph }
  /** The service uploaded profiles after the span ended, none with this span's id. */
  | { status: 'no-samples' }
  /** Still not ingested when the wait ended. */
  | { status: 'pending' };

export interface FollowedTrace {
  spans: TraceSpan[];
  services: ServiceLocalRoots[];
  profiles: Map<string, ProfileOutcome>;
  /** False when the timeout ended the wait before everything arrived. */
  complete: boolean;
}

export interface FollowDeps {
  tempo: TempoClient;
  pyroscope: PyroscopeClient;
  progress(message: string): void;
  now?: () => number;
}

export interface FollowPlan {
  traceId: string;
  deadlineMs: number;
  intervalMs: number;
}

async function resolveProfile(
  pyroscope: PyroscopeClient,
  root: LocalRootSpan,
  nowMs: number,
): Promise<ProfileOutcome> {
  // Ask "has the service uploaded anything since the span ended?" before asking
  // for the span's samples, so an upload landing in between cannot read as "no samples".
  const uploadedSinceSpanEnd = await pyroscope.hasProfiles(root.service, root.endMs + 1, nowMs);
  const graph = await pyroscope.selectMergeSpanProfile({
    service: root.service,
    spanIds: [root.profileId],
    startMs: root.startMs - PROFILE_QUERY_MARGIN_MS,
    endMs: root.endMs + PROFILE_QUERY_MARGIN_MS,
  });
  if (graph) return { status: 'found', graph };
  return uploadedSinceSpanEnd ? { status: 'no-samples' } : { status: 'pending' };
}

/**
 * Polls Tempo, then Pyroscope, until the trace has settled and every local
 * root's profile is resolved, or the deadline passes. Returns null when Tempo
 * never returned the trace.
 */
export async function followTrace(
  deps: FollowDeps,
  plan: FollowPlan,
): Promise<FollowedTrace | null> {
  const now = deps.now ?? Date.now;
  const startedAt = now();
  const profiles = new Map<string, ProfileOutcome>();
  let spans: TraceSpan[] | null = null;

  for (let attempt = 1; ; attempt++) {
    spans = (await deps.tempo.fetchTrace(plan.traceId)) ?? spans;
    let waitingFor = `trace ${plan.traceId} in Tempo`;
    let services: ServiceLocalRoots[] = [];

    if (spans) {
      services = groupLocalRootsByService(spans);
      const roots = services.flatMap((service) => service.roots);
      const isResolved = (root: LocalRootSpan) => {
        const outcome = profiles.get(root.spanId);
        return outcome !== undefined && outcome.status !== 'pending';
      };
      for (const root of roots.filter((root) => !isResolved(root))) {
        profiles.set(root.spanId, await resolveProfile(deps.pyroscope, root, now()));
      }
      const resolved = roots.filter(isResolved).length;
      const newestEndMs = Math.max(...spans.map((span) => span.endMs));
      const settled = now() - newestEndMs >= TRACE_SETTLE_MS;

      if (roots.length === 0)
        waitingFor = `spans with ${PROFILE_ID_ATTRIBUTE} (${spans.length} spans so far)`;
      else if (!settled) waitingFor = `late spans (${spans.length} spans so far)`;
      else if (resolved < roots.length)
        waitingFor = `profiles in Pyroscope (${resolved}/${roots.length} local roots)`;
      else return { spans, services, profiles, complete: true };
    }

    if (now() + plan.intervalMs > plan.deadlineMs) {
      return spans ? { spans, services, profiles, complete: false } : null;
    }
    const elapsedSeconds = Math.round((now() - startedAt) / 1000);
    deps.progress(`waiting for ${waitingFor} (attempt ${attempt}, ${elapsedSeconds}s)`);
    await sleep(plan.intervalMs);
  }
}
