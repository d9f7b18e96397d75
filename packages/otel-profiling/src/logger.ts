import pino from 'pino';

const requestedLevel = process.env.LOG_LEVEL ?? 'info';

/**
 * The package's own diagnostics: JSON lines on stderr, so they never mix with
 * an app's stdout logs. The level follows LOG_LEVEL like the services' loggers
 * (the services validate that variable; an unknown value falls back to info here).
 */
export const logger = pino(
  {
    name: '@rideshare/otel-profiling',
    level: requestedLevel in pino.levels.values ? requestedLevel : 'info',
  },
  pino.destination({ fd: 2, sync: true }),
);
