import { NotFoundException } from '@nestjs/common';
import { DownstreamError, toErrorBody } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { toPublicDownstreamError } from './public-downstream-error';

const publicBody = (error: unknown) => toErrorBody(toPublicDownstreamError(error));

describe('toPublicDownstreamError', () => {
  it('passes a downstream 404 through with its message', () => {
    const error = new DownstreamError('ride-service', 404, 'ride 0b9e… not found', 404);
    expect(toPublicDownstreamError(error)).toBe(error);
    expect(publicBody(error)).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'ride 0b9e… not found',
      issues: [],
    });
  });

  it('passes a downstream 409 through with its issues', () => {
    const issues = [{ path: 'status', message: 'must be ASSIGNED' }];
    const error = new DownstreamError('ride-service', 409, 'ride is REQUESTED', 409, issues);
    expect(publicBody(error)).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'ride is REQUESTED',
      issues,
    });
  });

  it('hides the socket error (and the internal address) of an unreachable service', () => {
    const error = new DownstreamError(
      'ride-service',
      503,
      'ride-service is unavailable: connect ECONNREFUSED 127.0.0.1:8081',
    );
    const body = publicBody(error);
    expect(body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'ride-service is unavailable',
      issues: [],
    });
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });

  it("hides a downstream 5xx's own message behind a 502", () => {
    const error = new DownstreamError(
      'pricing-service',
      502,
      'pricing-service failed: TypeError: x is undefined',
      500,
    );
    const mapped = toPublicDownstreamError(error) as DownstreamError;
    expect(mapped.downstreamStatus).toBe(500);
    expect(publicBody(error)).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'pricing-service failed to answer correctly',
      issues: [],
    });
  });

  it('keeps a 503 (busy, or no answer in time) a 503 with its Retry-After', () => {
    const error = new DownstreamError(
      'driver-service',
      503,
      'driver-service did not answer within 5000 ms',
      undefined,
      undefined,
      3,
    );
    const mapped = toPublicDownstreamError(error) as DownstreamError;
    expect(mapped.retryAfterSeconds).toBe(3);
    expect(publicBody(error)).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'driver-service is unavailable',
      issues: [],
    });
  });

  it('leaves other errors alone', () => {
    const error = new NotFoundException('nope');
    expect(toPublicDownstreamError(error)).toBe(error);
  });
});
