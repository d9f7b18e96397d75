import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import type { SpanLabels } from './span-labels';

export interface SpanLabelBinding {
  labelsFor(ctx: Context): SpanLabels | undefined;
  runWithLabels<R>(labels: SpanLabels | undefined, fn: () => R): R;
}

/**
 * OpenTelemetry's AsyncLocalStorage context manager, plus: whenever a context
 * is activated whose span has other profile labels than the active one, the
 * callback also runs inside a profiler context carrying those labels. Both
 * live in the same AsyncContextFrame, so the labels follow the OTel context
 * into every continuation of the callback.
 *
 * Every activation goes through `with` (`bind` and EventEmitter binding use
 * it too), so the profiler context always holds the labels of the active OTel
 * context; that is why an activation with the same labels can skip the switch.
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
    const labels = binding.labelsFor(ctx);
    if (labels === binding.labelsFor(this.active())) {
      return super.with(ctx, fn, thisArg, ...args);
    }
    return binding.runWithLabels(labels, () => super.with(ctx, fn, thisArg, ...args));
  }
}
