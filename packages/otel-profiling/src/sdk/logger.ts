import pino from 'pino';

const requestedLevel = process.env.LOG_LEVEL ?? 'info';

/**
 * The package's own diagnostics: JSON lines on stderr, so they never mix with
 * an app's stdout logs. Same line format as the services' loggers (ISO `time`,
 * `level` by name, `service` from OTEL_SERVICE_NAME when the line is written, as
 * the register entry may set it at start-up); the level follows LOG_LEVEL
 * (the services validate that variable; an unknown value falls back to info here).
 */
export const logger = pino(
  {
    name: '@rideshare/otel-profiling',
    level: requestedLevel in pino.levels.values ? requestedLevel : 'info',
    base: { pid: process.pid },
    mixin: () => (process.env.OTEL_SERVICE_NAME ? { service: process.env.OTEL_SERVICE_NAME } : {}),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  pino.destination({ fd: 2, sync: true }),
);
