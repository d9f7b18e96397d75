import { AsyncResource } from 'node:async_hooks';
import { context, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * Runs a span processor's `onEnd` outside the request that ended the span.
 *
 * A BatchSpanProcessor starts its export timer, and sometimes exports at once, inside `onEnd`,
 * which runs in the context of whoever ended the span. The timer's callback would then run in
 * that request's async context, and the CPU of serializing and sending every later batch would
 * be labeled with that request's span. In the root context the export is nobody's work.
 *
 * `onEnd` runs for every span, so it does not enter the root context through `context.with`
 * (a new async context frame, twice with span labels): it switches back to the frame this
 * processor was created in, which must be the root one — the SDK creates it at start-up.
 */
export class BackgroundSpanProcessor implements SpanProcessor {
  private readonly endInCreationContext: (span: ReadableSpan) => void;

  constructor(private readonly inner: SpanProcessor) {
    this.endInCreationContext = AsyncResource.bind((span: ReadableSpan) => inner.onEnd(span));
  }

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.endInCreationContext(span);
  }

  forceFlush(): Promise<void> {
    return context.with(ROOT_CONTEXT, () => this.inner.forceFlush());
  }

  shutdown(): Promise<void> {
    return context.with(ROOT_CONTEXT, () => this.inner.shutdown());
  }
}
