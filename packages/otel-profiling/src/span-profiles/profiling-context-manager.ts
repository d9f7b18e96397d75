import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { SpanProfileContext } from './span-labels';

export interface SpanLabelBinding {
  profileContextFor(ctx: Context): SpanProfileContext | undefined;
  runInProfileContext<R>(profileContext: SpanProfileContext | undefined, fn: () => R): R;
}

/**
 * OpenTelemetry's AsyncLocalStorage context manager, plus: whenever a context
 * is activated whose span has another profiler context (see SpanProfileContext)
 * than the active one, the callback also runs inside that profiler context. Both
 * live in the same AsyncContextFrame, so the labels follow the OTel context
 * into every continuation of the callback.
 *
 * Every activation goes through `with` (`bind` and EventEmitter binding use
 * it too), so the profiler context always belongs to the active OTel context;
 * that is why an activation with the same profiler context can skip the switch.
 */
export class ProfilingContextManager extends AsyncLocalStorageContextManager {
  private binding: SpanLabelBinding | undefined;

  /** Starts (or, with undefined, stops) carrying span labels into the profiler. */
  bindSpanLabels(binding: SpanLabelBinding | undefined): void {
    this.binding = binding;
  }

  override with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const binding = this.binding;
    if (binding === undefined) return super.with(ctx, fn, thisArg, ...args);
    const profileContext = binding.profileContextFor(ctx);
    if (profileContext === binding.profileContextFor(this.active())) {
      return super.with(ctx, fn, thisArg, ...args);
    }
    return binding.runInProfileContext(profileContext, () => super.with(ctx, fn, thisArg, ...args));
  }
}
