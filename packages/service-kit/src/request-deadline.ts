import { AsyncLocalStorage } from 'node:async_hooks';
import { REQUEST_BUDGET_HEADER } from '@rideshare/contracts';

/**
 * The time budget of the request being served, carried to every call it makes.
 *
 * A caller sends its remaining budget in milliseconds in `x-request-budget-ms`; the callee
 * serves the request inside that budget and passes what is left of it on. A relative budget
 * rather than an absolute time, so the hosts' clocks need not agree.
 */
export { REQUEST_BUDGET_HEADER };

export interface RequestDeadline {
  /** `Date.now()` value after which nobody waits for the answer any more. */
  readonly expiresAt: number;
  /** Aborted when the deadline passes or the caller goes away. */
  readonly signal: AbortSignal;
}

const storage = new AsyncLocalStorage<RequestDeadline>();

/** Runs `fn` with `deadline` as the budget of everything it calls. */
export function runWithDeadline<T>(deadline: RequestDeadline, fn: () => T): T {
  return storage.run(deadline, fn);
}

/** The deadline of the request being served, if any. */
export function currentDeadline(): RequestDeadline | undefined {
  return storage.getStore();
}

/** Milliseconds left of the current request's budget; `Infinity` outside a request. */
export function remainingBudgetMs(now = Date.now()): number {
  const deadline = storage.getStore();
  return deadline === undefined ? Infinity : deadline.expiresAt - now;
}

/** A budget header value, clamped to [1, maxMs]; `undefined` when absent or not a number. */
export function parseBudgetHeader(
  value: string | string[] | undefined,
  maxMs: number,
): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,9}$/.test(text.trim())) return undefined;
  return Math.min(Math.max(Number(text), 1), maxMs);
}
