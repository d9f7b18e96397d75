import { startTelemetryReceiver, type TelemetryReceiver } from '@rideshare/telemetry-receivers';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILE_ID_ATTRIBUTE } from '../src';
import { PACKAGE_DIR, runFixture, type Child } from './helpers/child-process';
import { get } from './helpers/http-get';
import { allSamples } from './helpers/pprof';

const REGISTER = `${PACKAGE_DIR}/dist/register.js`;
const SERVER_KIND = 2;
const REMOTE_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const REMOTE_PARENT_ID = 'b7ad6b7169203331';

async function startService(
  backends: TelemetryReceiver,
  env: Record<string, string>,
  nodeArgs: string[] = [],
) {
  const child = runFixture(
    'http-service.cjs',
    {
      OTEL_SERVICE_NAME: 'register-test',
      OTEL_EXPORTER_OTLP_ENDPOINT: backends.url,
      PYROSCOPE_SERVER_ADDRESS: backends.url,
      PYROSCOPE_SAMPLING_INTERVAL: '2ms',
      REGION: 'ap-south',
      ...env,
    },
    ['--require', REGISTER, ...nodeArgs],
  );
  const { port } = await child.waitFor((line) => typeof line.port === 'number');
  return { child, port: port as number };
}

/** /health, /work, and /work with an incoming traceparent. */
async function sendTraffic(port: number): Promise<void> {
  expect(await get(port, '/health')).toBe('ok');
  expect(await get(port, '/health/ready')).toBe('ok');
  expect(await get(port, '/work')).toBe('done');
  expect(
    await get(port, '/work', { traceparent: `00-${REMOTE_TRACE_ID}-${REMOTE_PARENT_ID}-01` }),
  ).toBe('done');
}

function labeledSpanIds(backends: TelemetryReceiver): Set<string | undefined> {
  return new Set(allSamples(backends.profiles).map((sample) => sample.labels['span_id']));
}

describe('node --require @rideshare/otel-profiling/register', () => {
  let backends: TelemetryReceiver;
  let child: Child | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await backends.close();
  });

  it('traces and profiles a service with no code, and flushes on SIGTERM before the process ends', async () => {
    backends = await startTelemetryReceiver();
    const service = await startService(backends, {});
    child = service.child;
    await sendTraffic(service.port);
    child.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGTERM' });

    const serverSpans = backends.spans.filter((span) => span.kind === SERVER_KIND);
    expect(serverSpans).toHaveLength(2); // the /health probes stay out of traces
    const fromRemote = serverSpans.find((span) => span.traceId === REMOTE_TRACE_ID)!;
    const local = serverSpans.find((span) => span.traceId !== REMOTE_TRACE_ID)!;
    expect(fromRemote.parentSpanId).toBe(REMOTE_PARENT_ID);
    for (const span of [local, fromRemote]) {
      expect(span.attributes[PROFILE_ID_ATTRIBUTE]).toBe(span.spanId);
      expect(span.resource).toMatchObject({ 'service.name': 'register-test', region: 'ap-south' });
    }

    const labeled = labeledSpanIds(backends);
    expect(labeled).toContain(local.spanId);
    expect(labeled).toContain(fromRemote.spanId);
    expect(backends.pushes[0]!.series[0]!.labels).toMatchObject({
      service_name: 'register-test',
      region: 'ap-south',
    });

    // pino log lines carry the request's trace context.
    const handled = child.stdout.filter((line) => line.msg === 'handled');
    expect(handled.map((line) => line.span_id).sort()).toEqual(
      [local.spanId, fromRemote.spanId].sort(),
    );
  });

  it("lets the app's own SIGTERM handler drain, then flushes when the process ends", async () => {
    backends = await startTelemetryReceiver();
    const service = await startService(backends, { APP_HANDLES_SIGTERM: '1' });
    child = service.child;
    await sendTraffic(service.port);
    child.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.stdout.some((line) => line.msg === 'app draining')).toBe(true);

    const serverSpans = backends.spans.filter((span) => span.kind === SERVER_KIND);
    expect(serverSpans).toHaveLength(2);
    const labeled = labeledSpanIds(backends);
    for (const span of serverSpans) expect(labeled).toContain(span.spanId);
  });

  it('warns once and uploads unlabeled profiles when AsyncContextFrame is off', async () => {
    backends = await startTelemetryReceiver();
    const service = await startService(backends, {}, ['--no-async-context-frame']);
    child = service.child;
    await sendTraffic(service.port);
    child.kill('SIGTERM');
    await child.exited;

    const warnings = child
      .stderr()
      .split('\n')
      .filter((line) => line.includes('span labels are disabled'));
    expect(warnings).toHaveLength(1);
    // The services' line format: level by name, ISO time, the service's name.
    expect(JSON.parse(warnings[0]!)).toMatchObject({
      level: 'warn',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'register-test',
      name: '@rideshare/otel-profiling',
    });
    const serverSpans = backends.spans.filter((span) => span.kind === SERVER_KIND);
    expect(serverSpans).toHaveLength(2);
    for (const span of serverSpans) expect(span.attributes[PROFILE_ID_ATTRIBUTE]).toBe(span.spanId);
    expect(backends.pushes.length).toBeGreaterThan(0);
    expect([...labeledSpanIds(backends)]).toEqual([undefined]);
  });
});
