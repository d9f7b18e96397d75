import http from 'node:http';
import https from 'node:https';
import { HttpException } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import { ErrorBody } from '@rideshare/contracts';
import { ExponentialBackoff, handleWhen, isTaskCancelledError, retry } from 'cockatiel';
import type { z } from 'zod';
import { DEFAULT_RETRY_AFTER_SECONDS, parseRetryAfter } from './overload-error';
import { spreadingLookup } from './spreading-lookup';
import { currentDeadline, remainingBudgetMs, REQUEST_BUDGET_HEADER } from './request-deadline';

/**
 * A call to another service failed. Extends HttpException so the global filter answers with a
 * meaningful status: the downstream 4xx as-is (400/404/409...), 502 for a downstream error that
 * says "bug" (a 500, a body outside the contract); 503 + Retry-After for everything that says
 * "not now": unreachable, no answer within the budget, the downstream's own 503/429/504.
 */
export class DownstreamError extends HttpException {
  constructor(
    readonly service: string,
    status: number,
    message: string,
    readonly downstreamStatus?: number,
    issues?: ErrorBody['issues'],
    /** For a 503: how long the caller should wait before retrying. */
    readonly retryAfterSeconds?: number,
  ) {
    super({ statusCode: status, message, ...(issues ? { issues } : {}) }, status);
  }

  /** A 503: trying again later (or on another connection) may succeed. */
  get retryable(): boolean {
    return this.getStatus() === 503;
  }
}

/** A downstream's error body, read leniently: `issues` may be missing. */
const DownstreamErrorBody = ErrorBody.extend({ issues: ErrorBody.shape.issues.optional() });

function unavailable(
  service: string,
  message: string,
  downstreamStatus?: number,
  retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
) {
  return new DownstreamError(service, 503, message, downstreamStatus, undefined, retryAfterSeconds);
}

/** Downstream answers that mean "busy, try again", not "broken". */
const BUSY_STATUSES = new Set([429, 503, 504]);

/** A retry is only worth starting with at least this much of the caller's budget left. */
const MIN_BUDGET_FOR_RETRY_MS = 250;

/**
 * Retries of an idempotent call: 503-class failures only, at most 3 retries (4 attempts), 50 ms
 * doubling to 1 s with decorrelated jitter, and only while the caller's budget lasts.
 */
const RETRY_POLICY = retry(
  handleWhen(
    (error) =>
      error instanceof DownstreamError &&
      error.retryable &&
      remainingBudgetMs() > MIN_BUDGET_FOR_RETRY_MS,
  ),
  { maxAttempts: 3, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }) },
);

export interface HttpClientOptions {
  /** e.g. `config.PRICING_URL` (`http://127.0.0.1:8082`). */
  baseUrl: string;
  /** Name used in error messages, e.g. `pricing-service`. */
  service: string;
  /** Per request (default 5 s). */
  timeoutMs?: number;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  /**
   * The call is idempotent (a read, a PUT, a POST carrying an idempotency key): retry it with
   * jittered backoff on 503-class failures while the caller's budget lasts.
   */
  retry?: boolean;
}

interface RawResponse {
  status: number;
  body: string;
  retryAfterSeconds?: number;
}

/**
 * JSON over node's `http` module, which the OTel http instrumentation traces and into which it
 * injects `traceparent`. Responses are validated with the given zod schema.
 *
 * Inside a request served under the kit's `overloadGuard`, every call gets what is left of that
 * request's budget (as its timeout and in `x-request-budget-ms`), is aborted when the caller goes
 * away, and is not sent at all once the budget is spent.
 */
export class HttpClient {
  private readonly agent: http.Agent;

  constructor(private readonly options: HttpClientOptions) {
    const isHttps = options.baseUrl.startsWith('https:');
    this.agent = isHttps
      ? new https.Agent({ keepAlive: true, lookup: spreadingLookup() })
      : new http.Agent({ keepAlive: true, lookup: spreadingLookup() });
  }

  get<S extends z.ZodType>(
    path: string,
    schema: S,
    options: RequestOptions = {},
  ): Promise<z.infer<S>> {
    return this.request('GET', path, undefined, schema, options);
  }

  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options: RequestOptions = {},
  ): Promise<z.infer<S>> {
    return this.request('POST', path, body, schema, options);
  }

  put<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    options: RequestOptions = {},
  ): Promise<z.infer<S>> {
    return this.request('PUT', path, body, schema, options);
  }

  async request<S extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
    options: RequestOptions = {},
  ): Promise<z.infer<S>> {
    if (!options.retry) return this.attempt(method, path, body, schema, options);
    try {
      return await RETRY_POLICY.execute(
        () => this.attempt(method, path, body, schema, options),
        currentDeadline()?.signal,
      );
    } catch (error) {
      if (isTaskCancelledError(error))
        throw unavailable(
          this.options.service,
          `${this.options.service}: caller gone or out of time`,
        );
      throw error;
    }
  }

  private async attempt<S extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
    options: RequestOptions,
  ): Promise<z.infer<S>> {
    const service = this.options.service;
    const response = await this.send(method, path, body, options);
    let json: unknown;
    let jsonError: unknown;
    try {
      json = response.body.length > 0 ? JSON.parse(response.body) : undefined;
    } catch (error) {
      jsonError = error;
    }
    // "Not now" whatever the body: a load balancer in front of the service answers these too,
    // with a page of its own.
    if (BUSY_STATUSES.has(response.status)) {
      const error = DownstreamErrorBody.safeParse(json);
      const message = error.success ? error.data.message : `answered ${response.status}`;
      throw unavailable(
        service,
        `${service} is busy: ${message}`,
        response.status,
        response.retryAfterSeconds,
      );
    }
    if (jsonError !== undefined && response.status === 502) {
      // A load balancer's own 502: the instance it chose closed the connection unanswered (it
      // was stopping). Not this service's answer: unavailable, and retried if the call may be.
      throw unavailable(service, `${service} is unavailable: no instance answered (502)`, 502);
    }
    if (jsonError !== undefined) {
      throw new DownstreamError(
        service,
        502,
        `${service} answered ${response.status} with a non-JSON body`,
        response.status,
      );
    }
    if (response.status >= 400) {
      const error = DownstreamErrorBody.safeParse(json);
      const message = error.success ? error.data.message : `${service} answered ${response.status}`;
      if (response.status < 500) {
        const issues = error.success ? error.data.issues : undefined;
        throw new DownstreamError(service, response.status, message, response.status, issues);
      }
      throw new DownstreamError(service, 502, `${service} failed: ${message}`, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new DownstreamError(
        service,
        502,
        `${service} answered with an unexpected body`,
        response.status,
      );
    return parsed.data;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    path: string,
    body: unknown,
    options: RequestOptions,
  ): Promise<RawResponse> {
    const service = this.options.service;
    const url = new URL(path, this.options.baseUrl);
    const configuredTimeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 5_000;
    const budgetMs = Math.floor(remainingBudgetMs());
    if (budgetMs < 1)
      return Promise.reject(
        unavailable(service, `${service} not called: the request is out of time`),
      );
    const timeoutMs = Math.min(configuredTimeoutMs, budgetMs);
    const signal = currentDeadline()?.signal;
    if (signal?.aborted)
      return Promise.reject(unavailable(service, `${service} not called: the caller is gone`));
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const transport = url.protocol === 'https:' ? https : http;
    // The OTel http instrumentation replaces this with its client span's context; without it the
    // caller's context still propagates.
    const traceHeaders: Record<string, string> = {};
    propagation.inject(context.active(), traceHeaders);
    return new Promise<RawResponse>((resolve, reject) => {
      let answered = false;
      const request = transport.request(
        url,
        {
          method,
          agent: this.agent,
          ...(signal ? { signal } : {}),
          headers: {
            accept: 'application/json',
            ...traceHeaders,
            [REQUEST_BUDGET_HEADER]: String(timeoutMs),
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
              : {}),
            ...options.headers,
          },
        },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              retryAfterSeconds: parseRetryAfter(response.headers['retry-after']),
            }),
          );
          response.on('error', (error) =>
            reject(unavailable(service, `${service} connection failed: ${error.message}`)),
          );
        },
      );
      request.setTimeout(timeoutMs, () => {
        request.destroy(unavailable(service, `${service} did not answer within ${timeoutMs} ms`));
      });
      request.on('error', (error) => {
        if (error instanceof DownstreamError) return reject(error);
        if (signal?.aborted)
          return reject(
            unavailable(service, `${service} call abandoned: the caller is gone or out of time`),
          );
        // A pooled keep-alive connection that the server closed while idle (its keep-alive
        // timeout), handed out before this busy process read the close: the request met a closed
        // connection, not the service, so send it again. Each retry uses up one such connection.
        if (
          request.reusedSocket &&
          !answered &&
          (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        )
          return resolve(this.send(method, path, body, options));
        reject(unavailable(service, `${service} is unavailable: ${error.message}`));
      });
      request.end(payload);
    });
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new HttpClient(options);
}
