import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LOG_LEVELS } from './config';
import { activeTraceFields } from './trace-context';

export type { Logger } from 'pino';
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerConfig {
  /** Usually `config.LOG_LEVEL`. */
  level: LogLevel;
  /** Added to every line as `service`; defaults to `OTEL_SERVICE_NAME`. */
  service?: string;
}

/** Pino options shared by `createLogger` and the Nest logger: JSON, ISO time, trace_id/span_id on every line. */
export function loggerOptions(config: LoggerConfig): LoggerOptions {
  const service = config.service ?? process.env.OTEL_SERVICE_NAME;
  return {
    level: config.level,
    base: service ? { service, pid: process.pid } : { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // The OTel pino instrumentation adds the same fields when loaded; a mixin makes them present
    // without it too (tests, scripts) and both write identical values.
    mixin: () => activeTraceFields(),
  };
}

/** A pino JSON logger writing to stdout (or `destination`). */
export function createLogger(config: LoggerConfig, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(config), destination) : pino(loggerOptions(config));
}

function isHealthRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return url === '/health' || url.startsWith('/health/') || url.startsWith('/health?');
}

/**
 * Options for `LoggerModule.forRoot(...)` of nestjs-pino: request logging through the given logger,
 * except `/health` probes.
 */
export function pinoLoggerParams(logger: Logger): Params {
  return {
    pinoHttp: {
      logger,
      autoLogging: { ignore: isHealthRequest },
      // Answered reads are debug: clients poll (the load generator reads each ride until it is
      // assigned), and at info they would drown the writes.
      customLogLevel: (req, res, error) =>
        error || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : req.method === 'GET' || req.method === 'HEAD'
              ? 'debug'
              : 'info',
      // The error filter already logs 5xx causes with their stack; pino-http would add a synthetic one.
      customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({
        res: value.res,
        responseTime: value.responseTime,
      }),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      quietReqLogger: true,
    },
  };
}
