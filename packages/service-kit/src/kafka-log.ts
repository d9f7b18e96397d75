import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * kafkajs' texts for conditions it retries by itself while a broker, a topic or a consumer group
 * is still starting (it logs each failed response at error level before retrying).
 */
const START_UP_CONDITIONS = new Set([
  "The coordinator is loading and hence can't process requests for this group",
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server does not host this topic-partition',
  'The group is rebalancing, so a rejoin is needed',
]);

/**
 * kafkajs logs into pino: errors and warnings as such, except start-up conditions kafkajs retries
 * (debug, like kafkajs' info lines); its failures that last surface as errors from the calls.
 */
export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      // Expected with our bounded producer retries; consumers deduplicate by event id instead.
      if (message.startsWith('Limiting retries for the idempotent producer')) return;
      const fields = { kafkajs: extra };
      const startingUp = START_UP_CONDITIONS.has(String((extra as { error?: unknown }).error));
      if (level === logLevel.ERROR && !startingUp) logger.error(fields, message);
      else if (level === logLevel.WARN && !startingUp) logger.warn(fields, message);
      else logger.debug(fields, message);
    };
}
