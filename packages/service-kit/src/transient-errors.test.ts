import { KafkaJSConnectionError, KafkaJSNonRetriableError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { backoffDelay, isTransientError, sleep } from './transient-errors';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientError', () => {
  it('recognises connection trouble', () => {
    expect(isTransientError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(
      true,
    );
    expect(
      isTransientError(withCode('terminating connection due to administrator command', '57P01')),
    ).toBe(true);
    expect(isTransientError(withCode('could not serialize access', '40001'))).toBe(true);
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new KafkaJSConnectionError('Connection error'))).toBe(true);
    expect(isTransientError(new Error('wrapped', { cause: withCode('reset', 'ECONNRESET') }))).toBe(
      true,
    );
  });

  it('does not retry errors about the data', () => {
    expect(isTransientError(withCode('duplicate key value', '23505'))).toBe(false);
    expect(isTransientError(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientError(new KafkaJSNonRetriableError('bad'))).toBe(false);
    expect(isTransientError('string')).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially and stays under the cap', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const delay = backoffDelay(attempt, { initialMs: 100, maxMs: 2_000 });
      const ceiling = Math.min(2_000, 100 * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});

describe('sleep', () => {
  it('ends early when aborted', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
