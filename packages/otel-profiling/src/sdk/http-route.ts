import type { Context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';

/** The request method attribute of the HTTP instrumentation's old (default) conventions. */
const ATTR_HTTP_METHOD_OLD = 'http.method';

/**
 * Names HTTP server spans after their route, as the semantic conventions ask
 * (`POST /v1/rides`, not `POST`). The web framework's instrumentation knows the
 * matched route: NestJS's request span starts with `http.route` (`/v1/rides/:id`).
 * Handing it to the HTTP instrumentation's RPC metadata of the same request makes
 * that instrumentation set `http.route` on the server span and name it
 * `{method} {http.route}` when the response ends. The server span gets that
 * name right away too, so that profiles collected while it still runs label
 * its samples with it. The route, never the URL, so the name stays a bounded
 * set — it is also the `span_name` profile label.
 */
export class HttpRouteProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const route = span.attributes[ATTR_HTTP_ROUTE];
    if (typeof route !== 'string' || route === '') return;
    const request = getRPCMetadata(parentContext);
    if (request?.type !== RPCType.HTTP || request.route !== undefined) return;
    request.route = route;
    const attributes = (request.span as Partial<ReadableSpan>).attributes ?? {};
    const method = attributes[ATTR_HTTP_REQUEST_METHOD] ?? attributes[ATTR_HTTP_METHOD_OLD];
    if (typeof method === 'string') request.span.updateName(`${method} ${route}`);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
