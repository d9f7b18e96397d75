import { trace, type Context, type Span as ApiSpan } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { PROFILE_ID_ATTRIBUTE, SPAN_ID_LABEL, SPAN_NAME_LABEL, TRACE_ID_LABEL } from './constants';
import { isLocalRoot } from './local-root';

/** The pprof labels carried by every CPU sample taken while a span's work runs. */
export type SpanLabels = Readonly<Record<string, string>>;

export type LabelScope = 'root' | 'all';

export interface SpanLabelOptions {
  /** `root`: samples carry the local root span's id; `all`: the innermost span's id. */
  labelScope: LabelScope;
  includeSpanName: boolean;
  includeTraceId: boolean;
}

/**
 * Marks local root spans with `pyroscope.profile.id` and remembers, for every
 * started span, the (immutable, shared) label set that samples taken in its
 * context must carry. Children inherit their local root's label object, so a
 * context switch between spans of the same request keeps the same object and
 * costs nothing on the profiler side.
 */
export class SpanLabelProcessor implements SpanProcessor {
  private readonly labelsBySpan = new WeakMap<object, SpanLabels>();

  constructor(private readonly options: SpanLabelOptions) {}

  /** Labels for the span active in `ctx`, or undefined outside any known span. */
  labelsFor(ctx: Context): SpanLabels | undefined {
    const span = trace.getSpan(ctx);
    return span === undefined ? undefined : this.labelsBySpan.get(span);
  }

  onStart(span: Span, parentContext: Context): void {
    const localRoot = isLocalRoot(span);
    if (localRoot) {
      span.setAttribute(PROFILE_ID_ATTRIBUTE, span.spanContext().spanId);
    }
    if (localRoot || this.options.labelScope === 'all') {
      this.labelsBySpan.set(span, this.ownLabels(span));
      return;
    }
    // A child shares its local root's labels. A parent we never saw (started
    // before telemetry, or by another tracer provider) has none to share, and
    // the child stays unlabeled rather than pointing at a span without a profile link.
    const inherited = this.labelsOfParent(parentContext);
    if (inherited !== undefined) this.labelsBySpan.set(span, inherited);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private labelsOfParent(parentContext: Context): SpanLabels | undefined {
    const parent: ApiSpan | undefined = trace.getSpan(parentContext);
    return parent === undefined ? undefined : this.labelsBySpan.get(parent);
  }

  private ownLabels(span: Span): SpanLabels {
    const { spanId, traceId } = span.spanContext();
    const labels: Record<string, string> = { [SPAN_ID_LABEL]: spanId };
    if (this.options.includeSpanName) labels[SPAN_NAME_LABEL] = span.name;
    if (this.options.includeTraceId) labels[TRACE_ID_LABEL] = traceId;
    return Object.freeze(labels);
  }
}
