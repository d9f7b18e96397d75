import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { isLocalRoot, type CapturedSpan } from './otlp-traces';
import { startOtlpReceiver, type OtlpReceiver } from './otlp-receiver';

const REMOTE_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const REMOTE_PARENT_ID = '00f067aa0ba902b7';

let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** Exports a local root with a child, and a span under a remote parent, through the real exporter. */
async function exportSpans(protocol: 'http/json' | 'http/protobuf', url: string): Promise<void> {
  const exporterOptions = { url: `${url}/v1/traces` };
  const exporter =
    protocol === 'http/json'
      ? new JsonTraceExporter(exporterOptions)
      : new ProtobufTraceExporter(exporterOptions);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'receiver-test', 'host.count': 3 }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('receiver-test');
  const root = tracer.startSpan('root', { kind: SpanKind.SERVER, root: true });
  root.setAttributes({
    'text.value': 'a',
    'int.value': 42,
    'double.value': 1.5,
    'bool.value': true,
    'array.value': ['x', 'y'],
  });
  const child = tracer.startSpan('child', {}, trace.setSpan(ROOT_CONTEXT, root));
  child.end();
  root.end();
  // What a propagator extracts from an incoming `traceparent`.
  const remote = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: REMOTE_TRACE_ID,
    spanId: REMOTE_PARENT_ID,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
  });
  tracer.startSpan('from-remote', { kind: SpanKind.CONSUMER }, remote).end();
  await provider.forceFlush();
  await provider.shutdown();
}

function byName(spans: CapturedSpan[], name: string): CapturedSpan {
  const span = spans.find((one) => one.name === name);
  expect(span, `span ${name}`).toBeDefined();
  return span!;
}

describe.each(['http/json', 'http/protobuf'] as const)('OTLP receiver, %s', (protocol) => {
  it('decodes the spans the OTel exporter sends, flattened with their resource', async () => {
    receiver = await startOtlpReceiver();
    await exportSpans(protocol, receiver.url);

    expect(receiver.otlpContentTypes.length).toBeGreaterThan(0);
    for (const contentType of receiver.otlpContentTypes)
      expect(contentType).toBe(
        protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
      );
    expect(receiver.spans.map((span) => span.name).sort()).toEqual([
      'child',
      'from-remote',
      'root',
    ]);

    const root = byName(receiver.spans, 'root');
    const child = byName(receiver.spans, 'child');
    const fromRemote = byName(receiver.spans, 'from-remote');
    expect(root).toMatchObject({
      serviceName: 'receiver-test',
      parentSpanId: undefined,
      parentIsRemote: false,
      kind: 2,
      attributes: {
        'text.value': 'a',
        'int.value': 42,
        'double.value': 1.5,
        'bool.value': true,
        'array.value': ['x', 'y'],
      },
    });
    expect(root.resource).toMatchObject({ 'service.name': 'receiver-test', 'host.count': 3 });
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(root.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child).toMatchObject({
      traceId: root.traceId,
      parentSpanId: root.spanId,
      parentIsRemote: false,
      kind: 1,
    });
    expect(fromRemote).toMatchObject({
      traceId: REMOTE_TRACE_ID,
      parentSpanId: REMOTE_PARENT_ID,
      parentIsRemote: true,
      kind: 5,
    });
    expect([root, child, fromRemote].map(isLocalRoot)).toEqual([true, false, true]);
  });
});

describe('OTLP receiver, other requests', () => {
  it('answers 404 to other paths and 400 to a body it cannot decode, recording no spans', async () => {
    receiver = await startOtlpReceiver();
    const post = (path: string, body: string) =>
      fetch(`${receiver!.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    expect((await post('/v1/metrics', '{}')).status).toBe(404);
    expect((await post('/v1/traces', 'not json')).status).toBe(400);
    expect(receiver.spans).toEqual([]);
  });
});
