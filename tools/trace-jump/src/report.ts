import type { FollowedTrace } from './follow-trace';
import type { CreateRideRequest } from '@rideshare/contracts';
import { grafanaProfileLink, grafanaTraceLink } from './links';
import { topFunctionsBySelf } from './pyroscope/flamegraph';

export interface FunctionReport {
  name: string;
  selfNs: number;
  selfMs: number;
  /** Share of the span's total CPU time in its profile, 0..100. */
  percent: number;
}

export interface LocalRootReport {
  spanId: string;
  profileId: string;
  name: string;
  startTime: string;
  durationMs: number;
  profile:
    | { status: 'found'; totalCpuNs: number; totalCpuMs: number; topFunctions: FunctionReport[] }
    | { status: 'no-samples' | 'pending' };
  links: { trace: string; profile: string };
}

export interface ServiceReport {
  service: string;
  localRoots: LocalRootReport[];
}

export interface JumpReport {
  traceId: string;
  profileTypeId: string;
  /** False when the timeout ended the wait before every profile arrived. */
  complete: boolean;
  spanCount: number;
  ride: { id: string; status: string; request: CreateRideRequest } | null;
  services: ServiceReport[];
}

export interface ReportContext {
  traceId: string;
  profileTypeId: string;
  grafanaUrl: string;
  top: number;
  ride: JumpReport['ride'];
}

const nsToMs = (ns: number) => ns / 1e6;

export function buildReport(trace: FollowedTrace, context: ReportContext): JumpReport {
  return {
    traceId: context.traceId,
    profileTypeId: context.profileTypeId,
    complete: trace.complete,
    spanCount: trace.spans.length,
    ride: context.ride,
    services: trace.services.map(({ service, roots }) => ({
      service,
      localRoots: roots.map((root): LocalRootReport => {
        const outcome = trace.profiles.get(root.spanId) ?? { status: 'pending' };
        const target = {
          traceId: context.traceId,
          spanId: root.spanId,
          service,
          startMs: root.startMs,
          endMs: root.endMs,
        };
        return {
          spanId: root.spanId,
          profileId: root.profileId,
          name: root.name,
          startTime: new Date(root.startMs).toISOString(),
          durationMs: root.durationMs,
          profile:
            outcome.status === 'found'
              ? {
                  status: 'found',
                  totalCpuNs: outcome.graph.total,
                  totalCpuMs: nsToMs(outcome.graph.total),
                  topFunctions: topFunctionsBySelf(outcome.graph, context.top).map((fn) => ({
                    name: fn.name,
                    selfNs: fn.selfNs,
                    selfMs: nsToMs(fn.selfNs),
                    percent: fn.percent,
                  })),
                }
              : { status: outcome.status },
          links: {
            trace: grafanaTraceLink(context.grafanaUrl, target),
            profile: grafanaProfileLink(context.grafanaUrl, context.profileTypeId, {
              ...target,
              spanId: root.profileId,
            }),
          },
        };
      }),
    })),
  };
}

/** How many local roots have CPU samples. */
export function profiledRootCount(report: JumpReport): number {
  return report.services
    .flatMap((s) => s.localRoots)
    .filter((root) => root.profile.status === 'found').length;
}
