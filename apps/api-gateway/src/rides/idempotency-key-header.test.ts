import { RequestValidationError } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { parseIdempotencyKeyHeader } from './idempotency-key-header';

describe('parseIdempotencyKeyHeader', () => {
  it('is optional', () => {
    expect(parseIdempotencyKeyHeader(undefined)).toBeUndefined();
  });

  it('accepts 1 to 128 characters', () => {
    expect(parseIdempotencyKeyHeader('a')).toBe('a');
    expect(parseIdempotencyKeyHeader('k'.repeat(128))).toBe('k'.repeat(128));
  });

  it.each([
    ['empty', ''],
    ['129 characters', 'k'.repeat(129)],
    ['repeated', ['a', 'b']],
  ])('refuses a %s key with a 400 naming the header', (_name, value) => {
    let caught: unknown;
    try {
      parseIdempotencyKeyHeader(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RequestValidationError);
    const error = caught as RequestValidationError;
    expect(error.getStatus()).toBe(400);
    expect(error.location).toBe('headers');
    expect(error.issues.map((issue) => issue.path)).toEqual(['Idempotency-Key']);
  });
});
