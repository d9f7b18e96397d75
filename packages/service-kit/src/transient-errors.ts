import { KafkaJSError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * PostgreSQL SQLSTATEs worth retrying: connection exceptions (08xxx), serialization failure,
 * deadlock, admin/crash shutdown, cannot-connect-now, too many connections.
 */
function isTransientPostgresCode(code: string): boolean {
  return (
    code.startsWith('08') || ['40001', '40P01', '57P01', '57P02', '57P03', '53300'].includes(code)
  );
}

/**
 * True for errors that are about the infrastructure (Postgres or Kafka unreachable, restarting,
 * a serialization conflict) rather than the message itself, so retrying later can succeed.
 */
export function isTransientError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof KafkaJSNumberOfRetriesExceeded) return true;
  if (error instanceof KafkaJSError)
    return error.retriable || error.name === 'KafkaJSConnectionError';
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (TRANSIENT_NETWORK_CODES.has(code) || isTransientPostgresCode(code))
  )
    return true;
  const message = error.message;
  if (
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(
      message,
    )
  ) {
    return true;
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransientError(cause);
}

export interface BackoffOptions {
  /** First delay (default 100 ms). */
  initialMs?: number;
  /** Cap of a single delay (default 5 s). */
  maxMs?: number;
}

/** Exponential backoff with full jitter: attempt 0 -> up to initialMs, doubling, capped at maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 100;
  const max = options.maxMs ?? 5_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
