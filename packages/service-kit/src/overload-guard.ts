import { AsyncResource } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bulkhead, isBulkheadRejectedError, isTaskCancelledError } from 'cockatiel';
import { toErrorBody } from './http-exception.filter';
import { ServiceOverloadedError } from './overload-error';
import { parseBudgetHeader, REQUEST_BUDGET_HEADER, runWithDeadline } from './request-deadline';

export interface OverloadGuardOptions {
  /** Requests served at the same time (default 32). */
  maxInFlight?: number;
  /** Requests waiting for a slot; more are answered 503 at once (default 64). */
  maxQueued?: number;
  /** Budget of a request that brings none (`x-request-budget-ms`), and the cap of one that does (default 15 s). */
  budgetMs?: number;
  /** Paths served outside the limit, e.g. health checks (default: those starting with `/health`). */
  exempt?: (path: string) => boolean;
}

type Next = (error?: unknown) => void;

/**
 * Express middleware bounding the work a service takes on. At most `maxInFlight` requests run,
 * `maxQueued` wait in arrival order, the rest are answered `503` + `Retry-After` with the JSON
 * error body. Each request runs with a deadline (`x-request-budget-ms`, else `budgetMs`) that
 * every downstream call inherits; a queued request whose caller has gone away or whose deadline
 * has passed is dropped before it starts.
 */
export function overloadGuard(options: OverloadGuardOptions = {}) {
  const limit = bulkhead(options.maxInFlight ?? 32, options.maxQueued ?? 64);
  const budgetMs = options.budgetMs ?? 15_000;
  const exempt = options.exempt ?? ((path: string) => path.startsWith('/health'));

  return (request: IncomingMessage, response: ServerResponse, next: Next): void => {
    if (exempt(request.url ?? '/')) return next();
    const budget = parseBudgetHeader(request.headers[REQUEST_BUDGET_HEADER], budgetMs) ?? budgetMs;
    const expiresAt = Date.now() + budget;
    const cancel = new AbortController();
    let started = false;
    const timer = setTimeout(() => {
      cancel.abort();
      // Still queued: answer now rather than when a slot frees up.
      if (!started) rejectAsOverloaded(response, 'request deadline passed while queued');
    }, budget);
    timer.unref();
    const done = new Promise<void>((resolve) =>
      response.once('close', () => {
        clearTimeout(timer);
        // Finished or not, the caller no longer waits: abort what is still running for it.
        cancel.abort();
        resolve();
      }),
    );
    // A queued request starts from whichever request freed the slot: bind it to its own context.
    const serve = AsyncResource.bind(() => {
      // The connection may have closed before this middleware listened for it ('close' will not
      // come again): free the slot at once.
      if (request.socket.destroyed) {
        cancel.abort();
        clearTimeout(timer);
        return Promise.resolve();
      }
      started = true;
      runWithDeadline({ expiresAt, signal: cancel.signal }, () => next());
      return done;
    });
    limit.execute(serve, cancel.signal).catch((error: unknown) => {
      if (isBulkheadRejectedError(error))
        return rejectAsOverloaded(response, 'too many requests in progress');
      if (isTaskCancelledError(error))
        return rejectAsOverloaded(response, 'request deadline passed while queued');
      next(error);
    });
  };
}

/** 503 + Retry-After with the JSON error body, unless the response is already under way or gone. */
function rejectAsOverloaded(response: ServerResponse, reason: string): void {
  if (response.headersSent || response.destroyed) return;
  const error = new ServiceOverloadedError(`service overloaded: ${reason}`);
  const body = JSON.stringify(toErrorBody(error));
  response.writeHead(503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'retry-after': String(error.retryAfterSeconds),
  });
  response.end(body);
}
