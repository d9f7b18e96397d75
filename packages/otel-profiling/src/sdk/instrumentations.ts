import type { IncomingMessage } from 'node:http';
import {
  getNodeAutoInstrumentations,
  type InstrumentationConfigMap,
} from '@opentelemetry/auto-instrumentations-node';

const off = { enabled: false } as const;

/** Liveness/readiness probes stay out of traces. */
export function isHealthCheck(request: IncomingMessage): boolean {
  return (request.url ?? '').startsWith('/health');
}

/**
 * Every auto-instrumentation is named here (the type makes the list
 * exhaustive): the ones the services rely on are on, noisy or unused ones off.
 */
const instrumentationConfig: Required<InstrumentationConfigMap> = {
  '@opentelemetry/instrumentation-http': {
    enabled: true,
    ignoreIncomingRequestHook: isHealthCheck,
  },
  '@opentelemetry/instrumentation-undici': { enabled: true },
  '@opentelemetry/instrumentation-kafkajs': { enabled: true },
  // Queries only: a connect span per pool checkout says nothing a query span does not.
  '@opentelemetry/instrumentation-pg': {
    enabled: true,
    requireParentSpan: true,
    ignoreConnectSpans: true,
  },
  // Correlation only (trace_id/span_id in log lines); logs are not exported.
  '@opentelemetry/instrumentation-pino': { enabled: true, disableLogSending: true },

  '@opentelemetry/instrumentation-amqplib': off,
  '@opentelemetry/instrumentation-aws-lambda': off,
  '@opentelemetry/instrumentation-aws-sdk': off,
  '@opentelemetry/instrumentation-bunyan': off,
  '@opentelemetry/instrumentation-cassandra-driver': off,
  '@opentelemetry/instrumentation-connect': off,
  '@opentelemetry/instrumentation-cucumber': off,
  '@opentelemetry/instrumentation-dataloader': off,
  '@opentelemetry/instrumentation-dns': off,
  '@opentelemetry/instrumentation-express': off,
  '@opentelemetry/instrumentation-fs': off,
  '@opentelemetry/instrumentation-generic-pool': off,
  '@opentelemetry/instrumentation-graphql': off,
  '@opentelemetry/instrumentation-grpc': off,
  '@opentelemetry/instrumentation-hapi': off,
  '@opentelemetry/instrumentation-host-metrics': off,
  '@opentelemetry/instrumentation-ioredis': off,
  '@opentelemetry/instrumentation-knex': off,
  '@opentelemetry/instrumentation-koa': off,
  '@opentelemetry/instrumentation-lru-memoizer': off,
  '@opentelemetry/instrumentation-memcached': off,
  '@opentelemetry/instrumentation-mongodb': off,
  '@opentelemetry/instrumentation-mongoose': off,
  '@opentelemetry/instrumentation-mysql': off,
  '@opentelemetry/instrumentation-mysql2': off,
  // Two spans per request (request context, handler) naming the controller method the route
  // already names; the route reaches the HTTP span through its request metadata instead.
  '@opentelemetry/instrumentation-nestjs-core': off,
  '@opentelemetry/instrumentation-net': off,
  '@opentelemetry/instrumentation-openai': off,
  '@opentelemetry/instrumentation-oracledb': off,
  '@opentelemetry/instrumentation-redis': off,
  '@opentelemetry/instrumentation-restify': off,
  '@opentelemetry/instrumentation-router': off,
  '@opentelemetry/instrumentation-runtime-node': off,
  '@opentelemetry/instrumentation-socket.io': off,
  '@opentelemetry/instrumentation-tedious': off,
  '@opentelemetry/instrumentation-winston': off,
};

export type Instrumentations = ReturnType<typeof getNodeAutoInstrumentations>;

export function createInstrumentations(): Instrumentations {
  return getNodeAutoInstrumentations(instrumentationConfig);
}
