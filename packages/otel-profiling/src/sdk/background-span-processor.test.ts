import { AsyncLocalStorage } from 'node:async_hooks';
import { context, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundSpanProcessor } from './background-span-processor';

/** Records the active context in onEnd and in a timer started there, as a batch processor does. */
class TimerStartingProcessor implements SpanProcessor {
  readonly inOnEnd: Context[] = [];
  readonly inTimer: Context[] = [];
  private fired: () => void = () => {};
  readonly timerFired = new Promise<void>((resolve) => (this.fired = resolve));

  onStart(): void {}
  onEnd(_span: ReadableSpan): void {
    this.inOnEnd.push(context.active());
    setTimeout(() => {
      this.inTimer.push(context.active());
      this.fired();
    }, 1);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('BackgroundSpanProcessor', () => {
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });

  afterAll(() => {
    context.disable();
  });

  it('ends spans in the root context, so timers started there belong to no request', async () => {
    const inner = new TimerStartingProcessor();
    const tracer = new TracerProvider({
      spanProcessors: [new BackgroundSpanProcessor(inner)],
    }).getTracer('test');

    const request = tracer.startSpan('request');
    const requestContext = trace.setSpan(ROOT_CONTEXT, request);
    context.with(requestContext, () => {
      tracer.startSpan('child').end();
      // The caller's context is untouched.
      expect(trace.getSpan(context.active())).toBe(request);
    });
    await inner.timerFired;

    expect(inner.inOnEnd).toEqual([ROOT_CONTEXT]);
    expect(inner.inTimer).toEqual([ROOT_CONTEXT]);
  });

  it("leaves the whole async context of the request, not only OpenTelemetry's part", () => {
    // The profiler's span context lives in the same async context frame as any AsyncLocalStorage.
    const requestStore = new AsyncLocalStorage<string>();
    const storesInOnEnd: Array<string | undefined> = [];
    const tracer = new TracerProvider({
      spanProcessors: [
        new BackgroundSpanProcessor({
          onStart: () => {},
          onEnd: () => storesInOnEnd.push(requestStore.getStore()),
          forceFlush: () => Promise.resolve(),
          shutdown: () => Promise.resolve(),
        }),
      ],
    }).getTracer('test');

    requestStore.run('request', () => {
      tracer.startSpan('child').end();
      expect(requestStore.getStore()).toBe('request');
    });

    expect(storesInOnEnd).toEqual([undefined]);
  });

  it('without it, the timer would run in the request that ended the span', async () => {
    const inner = new TimerStartingProcessor();
    const tracer = new TracerProvider({ spanProcessors: [inner] }).getTracer('test');

    const request = tracer.startSpan('request');
    context.with(trace.setSpan(ROOT_CONTEXT, request), () => tracer.startSpan('child').end());
    await inner.timerFired;

    expect(trace.getSpan(inner.inTimer[0]!)).toBe(request);
  });
});
