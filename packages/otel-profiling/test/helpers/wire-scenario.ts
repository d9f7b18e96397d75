import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { startTelemetryReceiver, stringAt } from '@rideshare/telemetry-receivers';
import { hostname } from 'node:os';
import { expect } from 'vitest';
import { PROFILE_ID_ATTRIBUTE, PROFILE_TYPE_ID, startTelemetry } from '../../src';
import { allSamples, periodType, sampleTypes } from './pprof';
import { namedBurner } from './workload';

const REMOTE_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const REMOTE_PARENT_ID = '00f067aa0ba902b7';

/**
 * Runs traced, CPU-burning work against the fake Pyroscope + OTLP receiver
 * and checks the bytes that arrived on both wires against each other.
 */
export async function checkWireContract(protocol: 'http/protobuf' | 'http/json'): Promise<void> {
  const backends = await startTelemetryReceiver();
  const includeTraceId = protocol === 'http/json';
  const telemetry = startTelemetry({
    serviceName: 'wire-test',
    region: 'eu-north',
    otlpEndpoint: backends.url,
    otlpProtocol: protocol,
    pyroscopeServerAddress: backends.url,
    pyroscopeBasicAuthUser: 'profiler',
    pyroscopeBasicAuthPassword: 's3cret',
    pyroscopeTenantId: 'tenant-a',
    tags: { deployment: 'test' },
    includeTraceId,
    samplingIntervalMs: 2,
    uploadIntervalMs: 500,
  });

  const tracer = trace.getTracer('wire-test');
  const burnLocal = namedBurner('wireLocalRootWork');
  const burnRemote = namedBurner('wireRemoteParentWork');
  const work = async (burn: (ms: number) => number): Promise<void> => {
    for (let i = 0; i < 10; i++) {
      burn(15);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };

  await tracer.startActiveSpan('local-root', { root: true }, async (root) => {
    await tracer.startActiveSpan('local-child', async (child) => {
      await work(burnLocal);
      child.end();
    });
    root.end();
  });
  const remoteContext = propagation.extract(ROOT_CONTEXT, {
    traceparent: `00-${REMOTE_TRACE_ID}-${REMOTE_PARENT_ID}-01`,
  });
  await context.with(remoteContext, () =>
    tracer.startActiveSpan('remote-parent', async (span) => {
      await work(burnRemote);
      span.end();
    }),
  );
  await telemetry.shutdown();
  await backends.close();

  // Traces: protocol, resource, local roots marked.
  const expectedContentType =
    protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
  expect(backends.otlpContentTypes.length).toBeGreaterThan(0);
  for (const contentType of backends.otlpContentTypes)
    expect(contentType).toBe(expectedContentType);
  const span = (name: string) => {
    const found = backends.spans.find((s) => s.name === name);
    expect(found, `span ${name} exported`).toBeDefined();
    return found!;
  };
  const localRoot = span('local-root');
  const localChild = span('local-child');
  const remoteChild = span('remote-parent');
  expect(localRoot.resource).toMatchObject({
    'service.name': 'wire-test',
    'service.namespace': 'rideshare',
    'host.name': hostname(),
    region: 'eu-north',
  });
  expect(localRoot.attributes[PROFILE_ID_ATTRIBUTE]).toBe(localRoot.spanId);
  expect(remoteChild.parentSpanId).toBe(REMOTE_PARENT_ID);
  expect(remoteChild.traceId).toBe(REMOTE_TRACE_ID);
  expect(remoteChild.attributes[PROFILE_ID_ATTRIBUTE]).toBe(remoteChild.spanId);
  expect(localChild.attributes[PROFILE_ID_ATTRIBUTE]).toBeUndefined();

  // Pyroscope: endpoint, headers, series labels.
  expect(backends.pushes.length).toBeGreaterThan(0);
  for (const push of backends.pushes) {
    expect(push.path).toBe('/push.v1.PusherService/Push');
    expect(push.headers['content-type']).toBe('application/json');
    expect(push.headers.authorization).toBe(
      `Basic ${Buffer.from('profiler:s3cret').toString('base64')}`,
    );
    expect(push.headers['x-scope-orgid']).toBe('tenant-a');
    expect(push.series).toHaveLength(1);
    expect(push.series[0]!.labels).toEqual({
      __name__: 'process_cpu',
      service_name: 'wire-test',
      service_instance_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hostname: hostname(),
      region: 'eu-north',
      deployment: 'test',
    });
  }

  // Profiles: gzipped as Pyroscope expects, the profile type Pyroscope derives, string labels, CPU only.
  expect(backends.profiles.length).toBeGreaterThan(0);
  for (const { gzipped, profile } of backends.profiles) {
    expect(gzipped).toBe(true);
    expect(sampleTypes(profile)).toEqual(['samples/count', 'cpu/nanoseconds']);
    expect(periodType(profile)).toBe('cpu/nanoseconds');
    const [cpuType, cpuUnit] = sampleTypes(profile)[1]!.split('/');
    const derivedProfileType = `process_cpu:${cpuType}:${cpuUnit}:${periodType(profile).replace('/', ':')}`;
    expect(derivedProfileType).toBe(PROFILE_TYPE_ID);
    expect(stringAt(profile, profile.defaultSampleType)).toBe('cpu');
  }
  const samples = allSamples(backends.profiles);
  expect(samples.length).toBeGreaterThan(0);
  for (const sample of samples) {
    expect(sample.values[1]).toBeGreaterThan(0);
    expect(sample.numericLabelKeys).toEqual([]);
    const spanId = sample.labels['span_id'];
    if (spanId === undefined) {
      expect(sample.labels).toEqual({});
      continue;
    }
    expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(sample.labels['span_name']).toBeDefined();
    if (includeTraceId) expect(sample.labels['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    else expect(sample.labels['trace_id']).toBeUndefined();
  }

  // The link: every span_id label is the pyroscope.profile.id of an exported root span.
  const profileIds = new Set(
    backends.spans.map((s) => s.attributes[PROFILE_ID_ATTRIBUTE]).filter((id) => id !== undefined),
  );
  const labeledSpanIds = new Set(
    samples.map((s) => s.labels['span_id']).filter((id) => id !== undefined),
  );
  for (const id of labeledSpanIds)
    expect(profileIds.has(id), `span_id ${id} links to a root span`).toBe(true);
  expect(labeledSpanIds).toContain(localRoot.spanId);
  expect(labeledSpanIds).toContain(remoteChild.spanId);
  expect(labeledSpanIds).not.toContain(localChild.spanId);

  const spanNameOf = (functionName: string) =>
    samples.find((s) => s.functions.includes(functionName))?.labels['span_name'];
  expect(spanNameOf('wireLocalRootWork')).toBe('local-root');
  expect(spanNameOf('wireRemoteParentWork')).toBe('remote-parent');
}
