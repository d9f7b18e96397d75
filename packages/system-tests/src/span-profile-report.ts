import {
  cpuSamples,
  isLocalRoot,
  type CapturedProfile,
  type CapturedSpan,
} from '@rideshare/telemetry-receivers';

/** One local root span of a trace and the CPU samples labeled with its id. */
export interface RootProfile {
  serviceName: string;
  spanName: string;
  spanId: string;
  profileId: string | undefined;
  cpuMs: number;
  /** Functions by self CPU time, highest first. */
  topFunctions: Array<{ name: string; cpuMs: number }>;
}

export interface TraceReport {
  traceId: string;
  roots: RootProfile[];
}

/**
 * What Grafana shows for a trace, from captured data: each service's local roots with their
 * `pyroscope.profile.id` and the functions that burned CPU under exactly that span.
 */
export function traceReport(
  traceId: string,
  spans: CapturedSpan[],
  profiles: CapturedProfile[],
  top = 3,
): TraceReport {
  const samples = cpuSamples(profiles);
  const roots = spans.filter((span) => span.traceId === traceId && isLocalRoot(span));
  return {
    traceId,
    roots: roots.map((root) => {
      const own = samples.filter(
        (sample) => sample.spanId === root.spanId && sample.serviceName === root.serviceName,
      );
      const selfTime = new Map<string, number>();
      for (const sample of own) {
        const leaf = sample.stack[0] ?? '(unknown)';
        selfTime.set(leaf, (selfTime.get(leaf) ?? 0) + sample.cpuNanos);
      }
      const profileId = root.attributes['pyroscope.profile.id'];
      return {
        serviceName: root.serviceName,
        spanName: root.name,
        spanId: root.spanId,
        profileId: typeof profileId === 'string' ? profileId : undefined,
        cpuMs: own.reduce((sum, sample) => sum + sample.cpuNanos, 0) / 1e6,
        topFunctions: [...selfTime.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, top)
          .map(([name, nanos]) => ({ name: name || '(anonymous)', cpuMs: nanos / 1e6 })),
      };
    }),
  };
}

/** The newest trace that reached `services` distinct services, if any. */
export function newestTraceAcross(spans: CapturedSpan[], services: number): string | undefined {
  const seen = new Map<string, Set<string>>();
  let newest: string | undefined;
  for (const span of spans) {
    const set = seen.get(span.traceId) ?? new Set<string>();
    set.add(span.serviceName);
    seen.set(span.traceId, set);
    if (set.size >= services) newest = span.traceId;
  }
  return newest;
}

export function formatTraceReport(report: TraceReport): string {
  const lines = [`trace ${report.traceId}`];
  for (const root of report.roots) {
    const top = root.topFunctions.map((fn) => `${fn.name} ${fn.cpuMs.toFixed(0)} ms`).join(', ');
    lines.push(
      `  ${root.serviceName.padEnd(16)} ${root.spanName.slice(0, 36).padEnd(36)} pyroscope.profile.id=${root.profileId ?? '-'}  CPU ${root.cpuMs.toFixed(0)} ms${top ? `  top: ${top}` : ''}`,
    );
  }
  return lines.join('\n');
}
