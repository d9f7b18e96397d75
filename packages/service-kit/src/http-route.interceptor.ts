import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { Observable } from 'rxjs';

/** What the interceptor reads of an Express request: its method and matched route. */
export interface RoutedRequest {
  method: string;
  route?: { path?: unknown };
}

/**
 * Tells OpenTelemetry's HTTP instrumentation which route a request matched, the way the Express
 * and Fastify instrumentations do: the server span then gets `http.route` and the name
 * `{method} {http.route}` (`POST /v1/rides`, never the URL, so names and the `span_name` profile
 * label stay a bounded set). The span is renamed right away, so CPU samples collected while the
 * request still runs carry the final name. Without telemetry loaded there is no request metadata
 * and this does nothing.
 */
export function reportHttpRoute(request: RoutedRequest): void {
  const route = request.route?.path;
  if (typeof route !== 'string' || route === '') return;
  const metadata = getRPCMetadata(context.active());
  if (metadata?.type !== RPCType.HTTP || metadata.route !== undefined) return;
  metadata.route = route;
  metadata.span.updateName(`${request.method} ${route}`);
}

/** Reports the matched route of every HTTP request a controller handles (see reportHttpRoute). */
export class HttpRouteInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() === 'http') {
      reportHttpRoute(execution.switchToHttp().getRequest<RoutedRequest>());
    }
    return next.handle();
  }
}
