import {
  REQUEST_BUDGET_HEADER,
  type CreateDriverRequest,
  type CreateRideRequest,
  type Driver,
  type Ride,
} from '@rideshare/contracts';
import type { GatewayAnswer } from './gateway-answer';
import { parseRetryAfterMs } from './retry-after';

export interface GatewayClientOptions {
  /** e.g. `http://127.0.0.1:8080`; may carry a path prefix. */
  baseUrl: string;
  /** How long one call may take before it counts as a timeout (default 30 s). */
  timeoutMs?: number;
  /** Sent as `x-request-budget-ms` with every call when set. */
  requestBudgetMs?: number;
}

/** Extra headers of one call (`traceparent`, ...). */
export type CallHeaders = Record<string, string>;

/** The public gateway API over the global fetch (traced by the OTel undici instrumentation). */
export class GatewayClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly requestBudgetMs: number | undefined;

  constructor(options: GatewayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.requestBudgetMs = options.requestBudgetMs;
  }

  createDriver(driver: CreateDriverRequest, headers?: CallHeaders): Promise<GatewayAnswer<Driver>> {
    return this.send('POST', '/v1/drivers', driver, headers);
  }

  /** `POST /v1/rides`; the key makes repeating the call safe (at most one ride). */
  createRide(
    ride: CreateRideRequest,
    idempotencyKey: string,
    headers?: CallHeaders,
  ): Promise<GatewayAnswer<Ride>> {
    return this.send('POST', '/v1/rides', ride, { ...headers, 'idempotency-key': idempotencyKey });
  }

  getRide(id: string, headers?: CallHeaders): Promise<GatewayAnswer<Ride>> {
    return this.send('GET', `/v1/rides/${encodeURIComponent(id)}`, undefined, headers);
  }

  completeRide(id: string, headers?: CallHeaders): Promise<GatewayAnswer<Ride>> {
    return this.send('POST', `/v1/rides/${encodeURIComponent(id)}/complete`, undefined, headers);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: CallHeaders = {},
  ): Promise<GatewayAnswer<T>> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.requestBudgetMs === undefined
            ? {}
            : { [REQUEST_BUDGET_HEADER]: String(this.requestBudgetMs) }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
      return {
        kind: 'response',
        ok: response.ok,
        status: response.status,
        body: parseJson(text) as T,
        latencyMs: elapsed(),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return {
        kind: timedOut ? 'timeout' : 'network',
        message: describe(error),
        ...socketCode(error),
        latencyMs: elapsed(),
      };
    }
  }
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

function socketCode(error: unknown): { code?: string } {
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return typeof code === 'string' ? { code } : {};
}
