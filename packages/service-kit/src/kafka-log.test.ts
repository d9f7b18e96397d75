import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { pinoLogCreator } from './kafka-log';
import { createLogger } from './logger';

function kafkajsLogsAt(level: 'debug' | 'info') {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const log = pinoLogCreator(createLogger({ level }, stream))(logLevel.WARN);
  const entry = (level: logLevel, message: string, extra: Record<string, unknown> = {}) =>
    log({
      namespace: 'Connection',
      level,
      label: 'ERROR',
      log: { timestamp: '', message, ...extra },
    });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; msg: string });
  return { entry, lines };
}

describe('kafkajs logs in pino', () => {
  it('keeps failures as errors and start-up retries of a new group out of the info output', () => {
    const kafkajs = kafkajsLogsAt('info');
    kafkajs.entry(logLevel.ERROR, 'Response GroupCoordinator(key: 10, version: 2)', {
      error: 'The group coordinator is not available',
    });
    kafkajs.entry(logLevel.ERROR, 'Response JoinGroup(key: 11, version: 5)', {
      error: "The coordinator is loading and hence can't process requests for this group",
    });
    kafkajs.entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    kafkajs.entry(logLevel.WARN, 'The producer is slow');
    expect(kafkajs.lines().map(({ level, msg }) => [level, msg])).toEqual([
      ['error', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092'],
      ['warn', 'The producer is slow'],
    ]);
  });

  it('keeps the start-up retries at debug', () => {
    const kafkajs = kafkajsLogsAt('debug');
    kafkajs.entry(logLevel.ERROR, 'Response Metadata(key: 3, version: 6)', {
      error:
        'There is no leader for this topic-partition as we are in the middle of a leadership election',
    });
    expect(kafkajs.lines().map(({ level }) => level)).toEqual(['debug']);
  });
});
