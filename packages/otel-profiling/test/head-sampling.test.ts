import { startTelemetryReceiver, type TelemetryReceiver } from '@rideshare/telemetry-receivers';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_ID_ATTRIBUTE, SPAN_ID_LABEL } from '../src';
import { PACKAGE_DIR, runFixture, type Child } from './helpers/child-process';
import { get } from './helpers/http-get';
import { allSamples } from './helpers/pprof';

const REGISTER = `${PACKAGE_DIR}/dist/register.js`;
const SERVER_KIND = 2;
const LOCAL_REQUESTS = 60;
const RATIO = 0.25;

function work(port: number, traceparent?: string): Promise<string> {
  return get(port, '/work', traceparent === undefined ? {} : { traceparent });
}

const remoteParent = (i: number, flags: '00' | '01') =>
  `00-${(0xabc0000 + i).toString(16).padStart(32, '0')}-${'b'.repeat(16)}-${flags}`;

describe('head sampling (OTEL_TRACES_SAMPLER=parentbased_traceidratio)', () => {
  let backends: TelemetryReceiver;
  let child: Child | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await backends.close();
  });

  it('profiles every request, labels only the sampled ones, and links every sampled root', async () => {
    backends = await startTelemetryReceiver();
    child = runFixture(
      'http-service.cjs',
      {
        OTEL_SERVICE_NAME: 'head-sampling-test',
        OTEL_EXPORTER_OTLP_ENDPOINT: backends.url,
        PYROSCOPE_SERVER_ADDRESS: backends.url,
        PYROSCOPE_SAMPLING_INTERVAL: '2ms',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: String(RATIO),
      },
      ['--require', REGISTER],
    );
    const { port } = await child.waitFor((line) => typeof line.port === 'number');
    for (let i = 0; i < LOCAL_REQUESTS; i++) await work(port as number);
    // A caller's decision wins: its sampled requests are traced, its unsampled ones are not.
    for (let i = 0; i < 5; i++) await work(port as number, remoteParent(i, '01'));
    for (let i = 5; i < 10; i++) await work(port as number, remoteParent(i, '00'));
    child.kill('SIGTERM');
    await child.exited;

    const roots = backends.spans.filter((span) => span.kind === SERVER_KIND);
    const fromSampledCallers = roots.filter((span) => span.parentSpanId === 'b'.repeat(16));
    const localRoots = roots.filter(
      (span) => span.parentSpanId === undefined || span.parentSpanId === '',
    );
    expect(fromSampledCallers).toHaveLength(5);
    expect(roots).toHaveLength(fromSampledCallers.length + localRoots.length);
    // 15 expected of 60; generous bounds, the ratio applies to random trace ids.
    expect(localRoots.length).toBeGreaterThanOrEqual(3);
    expect(localRoots.length).toBeLessThanOrEqual(35);
    for (const root of roots) expect(root.attributes[PROFILE_ID_ATTRIBUTE]).toBe(root.spanId);

    const rootIds = new Set(roots.map((span) => span.spanId));
    const workSamples = allSamples(backends.profiles).filter((sample) =>
      sample.functions.includes('fixtureRequestWork'),
    );
    const labeled = workSamples.filter((sample) => sample.labels[SPAN_ID_LABEL] !== undefined);
    const cpuOf = (samples: typeof workSamples) =>
      samples.reduce((sum, sample) => sum + sample.values[1]!, 0);
    const unlabeledCpu = cpuOf(workSamples) - cpuOf(labeled);
    // Every label points at a traced root; every traced root has samples.
    for (const sample of labeled) expect(rootIds).toContain(sample.labels[SPAN_ID_LABEL]);
    expect(new Set(labeled.map((sample) => sample.labels[SPAN_ID_LABEL]))).toEqual(rootIds);
    // The unsampled requests' CPU is still in the service's profile, without span labels.
    // At least 25 unsampled requests against at most 40 sampled ones, each burning the same CPU.
    console.log({
      roots: roots.length,
      labeledCpuMs: cpuOf(labeled) / 1e6,
      unlabeledCpuMs: unlabeledCpu / 1e6,
    });
    expect(unlabeledCpu).toBeGreaterThan(cpuOf(labeled) / 2);
  });
});
