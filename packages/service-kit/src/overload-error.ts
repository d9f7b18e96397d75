import { HttpException } from '@nestjs/common';
import { isTransientError } from './transient-errors';

/** Seconds a client is told to wait before retrying an overloaded service (`Retry-After`). */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * "Not now": the service is busy (full request queue, no free database connection, no budget
 * left), not broken. Answered as 503 with `Retry-After`.
 */
export class ServiceOverloadedError extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
  ) {
    super({ statusCode: 503, message }, 503);
  }
}

/**
 * True for failures that only say the service is busy right now: no pooled PostgreSQL
 * connection became free in time, or the database refused or lost the connection. They are
 * answered 503 + Retry-After rather than 500.
 */
export function isOverloadError(error: unknown): boolean {
  return !(error instanceof HttpException) && isTransientError(error);
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; `undefined` if neither. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
