import { trace, type Context, type Span as ApiSpan } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { PROFILE_ID_ATTRIBUTE, SPAN_ID_LABEL, SPAN_NAME_LABEL, TRACE_ID_LABEL } from '../constants';
import { isLocalRoot } from './local-root';

/** The pprof labels of a CPU sample (string values only: Pyroscope ignores numbers). */
export type SpanLabels = Readonly<Record<string, string>>;

/**
 * What the profiler keeps with every CPU sample taken while a span's work
 * runs: the span the samples are labeled with (the local root, or with scope
 * `all` the span itself). It becomes pprof labels only when samples are
 * collected, so `span_name` is the span's name by then — its final one
 * (`POST /v1/rides`) once the span has ended, not the `POST` it started with.
 *
 * The profiler holds it until the samples are collected (up to the upload
 * interval), so it refers to the span only while the span runs: holding ended
 * spans, with their attributes, that long would move them all into V8's old
 * generation as garbage.
 */
export class SpanProfileContext {
  readonly spanId: string;
  readonly traceId: string;
  private runningSpan: { readonly name: string } | undefined;
  private endedName = '';

  constructor(span: { readonly name: string }, spanId: string, traceId: string) {
    this.runningSpan = span;
    this.spanId = spanId;
    this.traceId = traceId;
  }

  /** The span's current name; its final one once it has ended. */
  get spanName(): string {
    return this.runningSpan?.name ?? this.endedName;
  }

  /** Keeps the final name of `span` and lets it go, if this is its context. */
  spanEnded(span: object): void {
    if (this.runningSpan !== span) return;
    this.endedName = this.runningSpan.name;
    this.runningSpan = undefined;
  }
}

export type LabelScope = 'root' | 'all';

export interface SpanLabelOptions {
  /** `root`: samples carry the local root span's id; `all`: the innermost span's id. */
  labelScope: LabelScope;
  includeSpanName: boolean;
  includeTraceId: boolean;
}

/**
 * Marks local root spans with `pyroscope.profile.id` and remembers, for every
 * started span, the (shared) profiler context that samples taken
 * in its context carry. Children share their local root's object, so a context
 * switch between spans of the same request keeps the same object and costs
 * nothing on the profiler side.
 */
export class SpanLabelProcessor implements SpanProcessor {
  private readonly contextBySpan = new WeakMap<object, SpanProfileContext>();

  constructor(private readonly options: SpanLabelOptions) {}

  /** The profiler context for the span active in `ctx`, or undefined outside any known span. */
  profileContextFor(ctx: Context): SpanProfileContext | undefined {
    const span = trace.getSpan(ctx);
    return span === undefined ? undefined : this.contextBySpan.get(span);
  }

  /** The pprof labels of samples taken in `profileContext`, resolved now. */
  labelsOf(profileContext: SpanProfileContext): SpanLabels {
    const labels: Record<string, string> = { [SPAN_ID_LABEL]: profileContext.spanId };
    if (this.options.includeSpanName) labels[SPAN_NAME_LABEL] = profileContext.spanName;
    if (this.options.includeTraceId) labels[TRACE_ID_LABEL] = profileContext.traceId;
    return labels;
  }

  onStart(span: Span, parentContext: Context): void {
    const localRoot = isLocalRoot(span);
    if (localRoot) {
      span.setAttribute(PROFILE_ID_ATTRIBUTE, span.spanContext().spanId);
    }
    if (localRoot || this.options.labelScope === 'all') {
      const { spanId, traceId } = span.spanContext();
      this.contextBySpan.set(span, new SpanProfileContext(span, spanId, traceId));
      return;
    }
    // A child shares its local root's context. A parent we never saw (started
    // before telemetry, or by another tracer provider) has none to share, and
    // the child stays unlabeled rather than pointing at a span without a profile link.
    const inherited = this.profileContextOfParent(parentContext);
    if (inherited !== undefined) this.contextBySpan.set(span, inherited);
  }

  onEnd(span: ReadableSpan): void {
    this.contextBySpan.get(span)?.spanEnded(span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private profileContextOfParent(parentContext: Context): SpanProfileContext | undefined {
    const parent: ApiSpan | undefined = trace.getSpan(parentContext);
    return parent === undefined ? undefined : this.contextBySpan.get(parent);
  }
}
