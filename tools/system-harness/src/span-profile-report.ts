import { PROFILE_ID_ATTRIBUTE } from '@rideshare/otel-profiling/constants';
import {
  cpuSamples,
  isLocalRoot,
  type CapturedProfile,
  type CapturedSpan,
  type CpuSample,
} from '@rideshare/telemetry-receivers';

/** A function and the CPU it burned. */
export interface FunctionCpu {
  name: string;
  cpuMs: number;
}

/** One local root span of a trace and the CPU samples labeled with its id. */
export interface RootProfile {
  serviceName: string;
  spanName: string;
  spanId: string;
  profileId: string | undefined;
  cpuMs: number;
  /** Functions by self CPU time, highest first (the profiler's own frames left out). */
  topFunctions: FunctionCpu[];
}

export interface TraceReport {
  traceId: string;
  roots: RootProfile[];
}

/** All samples of one service and span name: what Grafana shows for the service's profile filtered by `span_name`. */
export interface SpanNameProfile {
  serviceName: string;
  spanName: string;
  /** Distinct spans with at least one sample. */
  sampledSpans: number;
  cpuMs: number;
  /** Functions by self CPU time, highest first (the profiler's own frames left out). */
  hot: FunctionCpu[];
  /** The project's own functions (not node_modules, not Node's) by total CPU, highest first. */
  ownCode: FunctionCpu[];
}

/** Where a service's CPU went, by the samples it pushed. */
export interface ServiceCpu {
  serviceName: string;
  /** CPU of JavaScript samples: all but garbage collection and other threads. */
  javascriptMs: number;
  /** Share of the JavaScript CPU labeled with a span. */
  inSpansShare: number;
  /** Share of all reported CPU on `(idle)` frames. */
  idleShare: number;
  /** CPU of the profiler's own frames (collecting and encoding profiles). */
  profilerMs: number;
  /** JavaScript CPU outside any span: the project's own functions by total CPU. */
  outsideSpans: FunctionCpu[];
}

/** Frames @datadog/pprof reports for time outside JavaScript (under a top `Node.js` frame). */
const RUNTIME_FRAMES = new Set(['Garbage Collection', 'Non JS threads activity']);

const ms = (nanos: number) => nanos / 1e6;

export function isJavaScriptSample(sample: CpuSample): boolean {
  return !sample.stack.some((name) => RUNTIME_FRAMES.has(name));
}

/** The telemetry package's files that collect, encode and upload profiles. */
const PROFILE_UPLOAD_FILE =
  /\/otel-profiling\/dist\/(span-profiler|cpu-sampler|cpu-profile|pyroscope-uploader)\.js$/;

/** The profiler collecting and encoding its samples, and the telemetry package uploading them. */
export function isProfilerFrame(name: string, file: string): boolean {
  return (
    name === 'TimeProfiler' ||
    file.includes('/@datadog/pprof/') ||
    file.includes('/pprof-format/') ||
    PROFILE_UPLOAD_FILE.test(file)
  );
}

/** Code of this project (not node_modules, not Node's own `node:` modules, not the telemetry package). */
export function isProjectFile(file: string): boolean {
  return (
    file.startsWith('/') && !file.includes('/node_modules/') && !file.includes('/otel-profiling/')
  );
}

/**
 * A readable name for a frame. Anonymous functions, which @datadog/pprof names
 * `(anonymous:L#74:C#109)`, get their file and line: `(anonymous) service-kit/dist/outbox.js:74`.
 */
export function frameName(name: string, file: string): string {
  if (name !== '' && !name.startsWith('(anonymous')) return name;
  const line = /L#(\d+)/.exec(name)?.[1];
  const short = file.replace(/^.*\/node_modules\//, '').replace(/^.*\/(apps|packages)\//, '');
  return `(anonymous) ${short || 'unknown file'}${line && short ? `:${line}` : ''}`;
}

function rank(cpuByName: Map<string, number>, top: number): FunctionCpu[] {
  return [...cpuByName.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, top)
    .map(([name, nanos]) => ({ name, cpuMs: ms(nanos) }));
}

/** Self CPU by function, the profiler's frames left out. */
function hotFunctions(samples: CpuSample[], top: number): FunctionCpu[] {
  const selfTime = new Map<string, number>();
  for (const sample of samples) {
    const name = sample.stack[0] ?? '';
    const file = sample.files[0] ?? '';
    if (isProfilerFrame(name, file)) continue;
    const key = frameName(name, file);
    selfTime.set(key, (selfTime.get(key) ?? 0) + sample.cpuNanos);
  }
  return rank(selfTime, top);
}

/** Total CPU of the project's own functions (each function counted once per sample). */
function ownCodeFunctions(samples: CpuSample[], top: number): FunctionCpu[] {
  const totalTime = new Map<string, number>();
  for (const sample of samples) {
    const seen = new Set<string>();
    sample.stack.forEach((name, i) => {
      const file = sample.files[i] ?? '';
      if (!isProjectFile(file)) return;
      const key = frameName(name, file);
      if (seen.has(key)) return;
      seen.add(key);
      totalTime.set(key, (totalTime.get(key) ?? 0) + sample.cpuNanos);
    });
  }
  return rank(totalTime, top);
}

const sumCpu = (samples: CpuSample[]) => samples.reduce((sum, s) => sum + s.cpuNanos, 0);

/** Where each service's CPU went: JavaScript CPU, the share of it in spans, `(idle)`. */
export function serviceCpu(samples: CpuSample[], serviceName: string, top = 3): ServiceCpu {
  const own = samples.filter((sample) => sample.serviceName === serviceName);
  const javascript = own.filter(isJavaScriptSample);
  const javascriptNanos = sumCpu(javascript);
  const allNanos = sumCpu(own);
  return {
    serviceName,
    javascriptMs: ms(javascriptNanos),
    inSpansShare:
      javascriptNanos === 0
        ? 0
        : sumCpu(javascript.filter((s) => s.spanId !== undefined)) / javascriptNanos,
    idleShare: allNanos === 0 ? 0 : sumCpu(own.filter((s) => s.stack[0] === '(idle)')) / allNanos,
    profilerMs: ms(
      sumCpu(own.filter((s) => s.stack.some((name, i) => isProfilerFrame(name, s.files[i] ?? '')))),
    ),
    outsideSpans: ownCodeFunctions(
      javascript.filter((s) => s.spanId === undefined),
      top,
    ),
  };
}

/** Every service's labeled samples grouped by span name, most CPU first within a service. */
export function spanNameProfiles(samples: CpuSample[], top = 3): SpanNameProfile[] {
  const groups = new Map<string, CpuSample[]>();
  for (const sample of samples) {
    if (sample.spanId === undefined) continue;
    const key = `${sample.serviceName}\n${sample.spanName ?? ''}`;
    const group = groups.get(key) ?? [];
    group.push(sample);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .map(([key, group]) => {
      const [serviceName = '', spanName = ''] = key.split('\n');
      return {
        serviceName,
        spanName,
        sampledSpans: new Set(group.map((s) => s.spanId)).size,
        cpuMs: ms(sumCpu(group)),
        hot: hotFunctions(group, top),
        ownCode: ownCodeFunctions(group, top),
      };
    })
    .sort((a, b) => a.serviceName.localeCompare(b.serviceName) || b.cpuMs - a.cpuMs);
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
      const profileId = root.attributes[PROFILE_ID_ATTRIBUTE];
      return {
        serviceName: root.serviceName,
        spanName: root.name,
        spanId: root.spanId,
        profileId: typeof profileId === 'string' ? profileId : undefined,
        cpuMs: ms(sumCpu(own)),
        topFunctions: hotFunctions(own, top),
      };
    }),
  };
}

/**
 * How many profiles `pyroscope` holds once every one of `services` has pushed one more: the later
 * profiles hold no start-up work. Throws when that takes longer than `timeoutMs`.
 */
export async function profilesAfterStartUp(
  pyroscope: { profiles: CapturedProfile[] },
  services: readonly string[],
  timeoutMs = 60_000,
): Promise<number> {
  const before = pyroscope.profiles.length;
  const missing = () =>
    services.filter(
      (service) =>
        !pyroscope.profiles
          .slice(before)
          .some((profile) => profile.labels.service_name === service),
    );
  const deadline = Date.now() + timeoutMs;
  while (missing().length > 0) {
    if (Date.now() > deadline)
      throw new Error(`no profile from ${missing().join(', ')} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pyroscope.profiles.length;
}

/** The newest trace with a local root span in every one of `services`, if any. */
export function newestCompleteTrace(
  spans: CapturedSpan[],
  services: readonly string[],
): string | undefined {
  const rootsByTrace = new Map<string, Set<string>>();
  let newest: string | undefined;
  for (const span of spans) {
    if (!isLocalRoot(span)) continue;
    const seen = rootsByTrace.get(span.traceId) ?? new Set<string>();
    seen.add(span.serviceName);
    rootsByTrace.set(span.traceId, seen);
    if (services.every((service) => seen.has(service))) newest = span.traceId;
  }
  return newest;
}

const list = (functions: FunctionCpu[]) =>
  functions.map((fn) => `${fn.name} ${fn.cpuMs.toFixed(0)} ms`).join(', ');
const percent = (share: number) => `${(100 * share).toFixed(0)}%`;

export function formatTraceReport(report: TraceReport, samplingPeriodMs = 10): string {
  const lines = [`trace ${report.traceId}`];
  for (const root of report.roots) {
    const cpu =
      root.cpuMs > 0 ? `CPU ${root.cpuMs.toFixed(0)} ms  top: ${list(root.topFunctions)}` : 'CPU -';
    lines.push(
      `  ${root.serviceName.padEnd(16)} ${root.spanName.slice(0, 36).padEnd(36)} pyroscope.profile.id=${root.profileId ?? '-'}  ${cpu}`,
    );
  }
  if (report.roots.some((root) => root.cpuMs === 0))
    lines.push(
      `(CPU -: no sample; a span with less CPU than the ${samplingPeriodMs} ms sampling period is often missed, the span-name view above adds up all spans of a name)`,
    );
  return lines.join('\n');
}

export function formatSpanNameReport(services: ServiceCpu[], profiles: SpanNameProfile[]): string {
  const lines = [
    'span profiles by span name (every sample of the window: a service profile filtered by span_name)',
  ];
  for (const service of services) {
    lines.push(
      `${service.serviceName}: JavaScript CPU ${service.javascriptMs.toFixed(0)} ms, ${percent(service.inSpansShare)} in spans, (idle) ${percent(service.idleShare)}, profiler ${service.profilerMs.toFixed(0)} ms`,
    );
    if (service.outsideSpans.length > 0)
      lines.push(`  outside spans, own code: ${list(service.outsideSpans)}`);
    for (const profile of profiles.filter((p) => p.serviceName === service.serviceName)) {
      lines.push(
        `  ${profile.spanName.slice(0, 34).padEnd(34)} ${String(profile.sampledSpans).padStart(4)} spans sampled  CPU ${profile.cpuMs.toFixed(0).padStart(5)} ms  hot: ${list(profile.hot)}`,
      );
      if (profile.ownCode.length > 0)
        lines.push(`  ${''.padEnd(34)} own code: ${list(profile.ownCode)}`);
    }
  }
  return lines.join('\n');
}
