import http from 'node:http';
import https from 'node:https';
import { HttpException } from '@nestjs/common';
import { context, propagation } from '@opentelemetry/api';
import { ErrorBody } from '@rideshare/contracts';
import type { z } from 'zod';

/**
 * A call to another service failed. Extends HttpException so the global filter answers with a
 * meaningful status: the downstream 4xx as-is (400/404/409...), 502 for a downstream 5xx or a bad
 * answer, 503 when it is unreachable, 504 on timeout.
 */
export class DownstreamError extends HttpException {
  constructor(
    readonly service: string,
    status: number,
    message: string,
    readonly downstreamStatus?: number,
    issues?: ErrorBody['issues'],
  ) {
    super({ statusCode: status, message, ...(issues ? { issues } : {}) }, status);
  }
}

/** A downstream's error body, read leniently: `issues` may be missing. */
const DownstreamErrorBody = ErrorBody.extend({ issues: ErrorBody.shape.issues.optional() });

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
}

interface RawResponse {
  status: number;
  body: string;
}

/**
 * JSON over node's `http` module, which the OTel http instrumentation traces and into which it
 * injects `traceparent`. Responses are validated with the given zod schema.
 */
export class HttpClient {
  private readonly agent: http.Agent;

  constructor(private readonly options: HttpClientOptions) {
    const isHttps = options.baseUrl.startsWith('https:');
    this.agent = isHttps
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true });
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
    const service = this.options.service;
    const response = await this.send(method, path, body, options);
    let json: unknown;
    try {
      json = response.body.length > 0 ? JSON.parse(response.body) : undefined;
    } catch {
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
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 5_000;
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
          headers: {
            accept: 'application/json',
            ...traceHeaders,
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
            }),
          );
          response.on('error', (error) =>
            reject(
              new DownstreamError(service, 502, `${service} connection failed: ${error.message}`),
            ),
          );
        },
      );
      request.setTimeout(timeoutMs, () => {
        request.destroy(
          new DownstreamError(service, 504, `${service} did not answer within ${timeoutMs} ms`),
        );
      });
      request.on('error', (error) => {
        if (error instanceof DownstreamError) return reject(error);
        // A pooled keep-alive connection that the server closed while idle (its keep-alive
        // timeout), handed out before this busy process read the close: the request met a closed
        // connection, not the service, so send it again. Each retry uses up one such connection.
        if (
          request.reusedSocket &&
          !answered &&
          (error as NodeJS.ErrnoException).code === 'ECONNRESET'
        )
          return resolve(this.send(method, path, body, options));
        reject(new DownstreamError(service, 503, `${service} is unavailable: ${error.message}`));
      });
      request.end(payload);
    });
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new HttpClient(options);
}
