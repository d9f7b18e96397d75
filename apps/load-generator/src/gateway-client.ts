import type { CreateDriverRequest, CreateRideRequest } from '@rideshare/contracts';

/** The gateway routes the generator calls, as they appear in the summary. */
export const ENDPOINTS = [
  'POST /v1/drivers',
  'POST /v1/rides',
  'GET /v1/rides/:id',
  'POST /v1/rides/:id/complete',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** The status each endpoint answers when all is well; anything else counts as an error. */
export const EXPECTED_STATUS: Record<Endpoint, number> = {
  'POST /v1/drivers': 201,
  'POST /v1/rides': 202,
  'GET /v1/rides/:id': 200,
  'POST /v1/rides/:id/complete': 200,
};

/** What one HTTP call came to: a response (any status), or no response at all. */
export type HttpOutcome =
  | {
      kind: 'response';
      status: number;
      body: unknown;
      latencyMs: number;
      /** From `Retry-After` (seconds or an HTTP date), when the answer carries one. */
      retryAfterMs?: number;
    }
  | { kind: 'network' | 'timeout'; message: string; latencyMs: number };

/** Sent with every call: the gateway answers (503 at worst) before the generator gives up waiting. */
export const REQUEST_BUDGET_HEADER = 'x-request-budget-ms';
/**
 * The gateway is asked to answer within 80 % of the generator's own timeout (at least 500 ms
 * sooner): on a saturated machine its timers fire late, and its 503 should still arrive first.
 */
export function budgetFor(requestTimeoutMs: number): number {
  return Math.max(1, Math.min(requestTimeoutMs - 500, Math.floor(requestTimeoutMs * 0.8)));
}

/** Thin client of the public gateway API over the global fetch (traced by the OTel undici instrumentation). */
export class GatewayClient {
  constructor(
    private readonly baseUrl: string,
    private readonly requestTimeoutMs: number,
  ) {}

  createDriver(driver: CreateDriverRequest): Promise<HttpOutcome> {
    return this.send('POST', '/v1/drivers', driver);
  }

  createRide(ride: CreateRideRequest, idempotencyKey: string): Promise<HttpOutcome> {
    return this.send('POST', '/v1/rides', ride, { 'idempotency-key': idempotencyKey });
  }

  getRide(id: string): Promise<HttpOutcome> {
    return this.send('GET', `/v1/rides/${encodeURIComponent(id)}`);
  }

  completeRide(id: string): Promise<HttpOutcome> {
    return this.send('POST', `/v1/rides/${encodeURIComponent(id)}/complete`);
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          [REQUEST_BUDGET_HEADER]: String(budgetFor(this.requestTimeoutMs)),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      const text = await response.text();
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
      return {
        kind: 'response',
        status: response.status,
        body: parseJson(text),
        latencyMs: elapsed(),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return {
        kind: timedOut ? 'timeout' : 'network',
        message: describe(error),
        latencyMs: elapsed(),
      };
    }
  }
}

/** `Retry-After` in milliseconds: a number of seconds or an HTTP date. */
export function parseRetryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** 503 and 429 say "not now": the call may be repeated after `Retry-After`. */
export function isRetryableAnswer(outcome: HttpOutcome): boolean {
  return outcome.kind === 'response' && (outcome.status === 503 || outcome.status === 429);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** fetch hides the socket error (ECONNREFUSED, ...) in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
