import { context, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Runs a span processor's `onEnd` outside the request that ended the span.
 *
 * A BatchSpanProcessor starts its export timer, and sometimes exports at once, inside `onEnd`,
 * which runs in the context of whoever ended the span. The timer's callback would then run in
 * that request's async context, and the CPU of serializing and sending every later batch would
 * be labeled with that request's span. In the root context the export is nobody's work.
 */
export class BackgroundSpanProcessor implements SpanProcessor {
  constructor(private readonly inner: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    context.with(ROOT_CONTEXT, () => this.inner.onEnd(span));
  }

  forceFlush(): Promise<void> {
    return context.with(ROOT_CONTEXT, () => this.inner.forceFlush());
  }

  shutdown(): Promise<void> {
    return context.with(ROOT_CONTEXT, () => this.inner.shutdown());
  }
}
