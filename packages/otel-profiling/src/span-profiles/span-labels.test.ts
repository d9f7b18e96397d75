import { ROOT_CONTEXT, trace, TraceFlags, type Context, type Span } from '@opentelemetry/api';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { PROFILE_ID_ATTRIBUTE } from '../constants';
import { isLocalRoot } from './local-root';
import { SpanLabelProcessor, type SpanLabelOptions } from './span-labels';

const remoteParent = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
  isRemote: true,
});

function setup(options: Partial<SpanLabelOptions> = {}) {
  const labels = new SpanLabelProcessor({
    labelScope: 'root',
    includeSpanName: true,
    includeTraceId: false,
    ...options,
  });
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [labels, new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('test');
  const start = (name: string, parent: Context): Span => tracer.startSpan(name, {}, parent);
  const exported = (name: string) => exporter.getFinishedSpans().find((s) => s.name === name)!;
  return { labels, start, exported };
}

describe('local root spans', () => {
  it('marks a span without parent and a span with a remote parent, not a child', () => {
    const { start, exported } = setup();
    const root = start('root', ROOT_CONTEXT);
    const child = start('child', trace.setSpan(ROOT_CONTEXT, root));
    const fromRemote = start('from-remote', remoteParent);
    [child, root, fromRemote].forEach((span) => span.end());

    expect(exported('root').attributes[PROFILE_ID_ATTRIBUTE]).toBe(root.spanContext().spanId);
    expect(exported('from-remote').attributes[PROFILE_ID_ATTRIBUTE]).toBe(
      fromRemote.spanContext().spanId,
    );
    expect(exported('child').attributes[PROFILE_ID_ATTRIBUTE]).toBeUndefined();
    expect(isLocalRoot(exported('root'))).toBe(true);
    expect(isLocalRoot(exported('from-remote'))).toBe(true);
    expect(isLocalRoot(exported('child'))).toBe(false);
  });

  it('gives children the profiler context of their local root (scope root)', () => {
    const { labels, start } = setup();
    const root = start('root', ROOT_CONTEXT);
    const rootContext = trace.setSpan(ROOT_CONTEXT, root);
    const child = start('child', rootContext);
    const grandchild = start('grandchild', trace.setSpan(rootContext, child));

    const rootProfileContext = labels.profileContextFor(rootContext)!;
    expect(labels.labelsOf(rootProfileContext)).toEqual({
      span_id: root.spanContext().spanId,
      span_name: 'root',
    });
    expect(labels.profileContextFor(trace.setSpan(ROOT_CONTEXT, grandchild))).toBe(
      rootProfileContext,
    );
    expect(labels.profileContextFor(ROOT_CONTEXT)).toBeUndefined();
  });

  it("resolves span_name when samples are collected: the root's final name", () => {
    const { labels, start } = setup();
    const root = start('POST', ROOT_CONTEXT);
    const profileContext = labels.profileContextFor(trace.setSpan(ROOT_CONTEXT, root))!;
    expect(labels.labelsOf(profileContext).span_name).toBe('POST');
    root.updateName('POST /v1/rides');
    root.end();
    expect(labels.labelsOf(profileContext)).toEqual({
      span_id: root.spanContext().spanId,
      span_name: 'POST /v1/rides',
    });
  });

  it('lets the span go when it ends, keeping its final name; a child ending changes nothing', () => {
    const { labels, start } = setup();
    const root = start('POST', ROOT_CONTEXT);
    const rootContext = trace.setSpan(ROOT_CONTEXT, root);
    const profileContext = labels.profileContextFor(rootContext)!;
    start('child', rootContext).end();
    root.updateName('POST /v1/rides');
    expect(labels.labelsOf(profileContext).span_name).toBe('POST /v1/rides');
    expect(Object.values(profileContext)).toContain(root);

    root.end();
    expect(Object.values(profileContext)).not.toContain(root);
    expect(labels.labelsOf(profileContext)).toEqual({
      span_id: root.spanContext().spanId,
      span_name: 'POST /v1/rides',
    });
  });

  it('labels every span with its own id and keeps the attribute on local roots only (scope all)', () => {
    const { labels, start, exported } = setup({
      labelScope: 'all',
      includeSpanName: false,
      includeTraceId: true,
    });
    const root = start('root', ROOT_CONTEXT);
    const child = start('child', trace.setSpan(ROOT_CONTEXT, root));
    [child, root].forEach((span) => span.end());

    const childProfileContext = labels.profileContextFor(trace.setSpan(ROOT_CONTEXT, child))!;
    expect(labels.labelsOf(childProfileContext)).toEqual({
      span_id: child.spanContext().spanId,
      trace_id: child.spanContext().traceId,
    });
    expect(exported('root').attributes[PROFILE_ID_ATTRIBUTE]).toBe(root.spanContext().spanId);
    expect(exported('child').attributes[PROFILE_ID_ATTRIBUTE]).toBeUndefined();
  });

  it('leaves a child of an unknown local parent unlabeled', () => {
    const { labels, start } = setup();
    const foreignParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '1111111111111111',
      traceFlags: TraceFlags.SAMPLED,
    });
    const child = start('child', foreignParent);
    expect(labels.profileContextFor(trace.setSpan(ROOT_CONTEXT, child))).toBeUndefined();
  });
});
