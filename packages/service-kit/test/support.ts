import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../src';

export function infraEnv(): { databaseUrl: string; brokers: string[] } {
  const databaseUrl = process.env.DATABASE_URL;
  const brokers = process.env.KAFKA_BROKERS;
  if (!databaseUrl || !brokers)
    throw new Error('DATABASE_URL and KAFKA_BROKERS are set by the vitest global setup');
  return { databaseUrl, brokers: brokers.split(',') };
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
}

/** A stream whose JSON lines the test can read back. */
export function captureJsonLines(): {
  stream: Writable;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A logger whose JSON lines the test can read back. */
export function capturingLogger(level: 'debug' | 'info' | 'warn' = 'debug'): {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
} {
  const { stream, lines } = captureJsonLines();
  return { logger: createLogger({ level, service: 'service-kit-test' }, stream), lines };
}
