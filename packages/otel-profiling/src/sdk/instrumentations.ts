import type { IncomingMessage } from 'node:http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

/** Liveness/readiness probes stay out of traces. */
export function isHealthCheck(request: IncomingMessage): boolean {
  return (request.url ?? '').startsWith('/health');
}

export type Instrumentations = Instrumentation[];

/**
 * Exactly the instrumentations the services rely on, each constructed directly: only these
 * packages are loaded. (`auto-instrumentations-node` requires every instrumentation it knows at
 * import time, switched on or not, plus a second `sdk-node`: measured in ride-service, ~310 more
 * modules and ~4 MiB more live heap, for code that never runs.)
 *
 * - http: incoming requests (the local root spans) and outgoing calls made with `http` (the
 *   service-kit HTTP client between services); health probes stay out of traces.
 * - undici: outgoing `fetch` calls, should app code make them (two small modules).
 * - kafkajs: produce and consume spans, with the trace context in message headers.
 * - pg: queries, only inside a span (no root spans for pool housekeeping), and no span per pool
 *   checkout: it would say nothing a query span does not.
 * - pino: correlation only (trace_id/span_id in log lines); logs are not exported.
 *
 * Not NestJS: its instrumentation adds two spans to every request (request context, handler)
 * that name the controller method the route already names. The route reaches the HTTP server
 * span through OpenTelemetry's request metadata instead (service-kit's HttpRouteInterceptor).
 */
export function createInstrumentations(): Instrumentations {
  return [
    new HttpInstrumentation({ enabled: true, ignoreIncomingRequestHook: isHealthCheck }),
    new KafkaJsInstrumentation({ enabled: true }),
    new PgInstrumentation({ enabled: true, requireParentSpan: true, ignoreConnectSpans: true }),
    new PinoInstrumentation({ enabled: true, disableLogSending: true }),
    new UndiciInstrumentation({ enabled: true }),
  ];
}
