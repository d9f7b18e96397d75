import { BadRequestException, NotFoundException } from '@nestjs/common';
import { CreateRideRequest } from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DownstreamError } from './http-client';
import { toErrorBody } from './http-exception.filter';
import { RequestValidationError, validate, ZodValidationPipe } from './validation';

describe('ZodValidationPipe', () => {
  it('returns the parsed value', () => {
    const pipe = new ZodValidationPipe(z.object({ n: z.coerce.number() }), 'query');
    expect(pipe.transform({ n: '3' })).toEqual({ n: 3 });
  });

  it('throws a 400 naming each offending field', () => {
    const pipe = new ZodValidationPipe(CreateRideRequest, 'body');
    let error: unknown;
    try {
      pipe.transform({
        riderId: 'r',
        vehicle: 'car',
        region: 'us-east',
        pickup: { lat: 100, lon: 0 },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(toErrorBody(error)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'invalid request body: pickup.lat, dropoff',
      issues: [
        { path: 'pickup.lat', message: expect.stringContaining('90') },
        { path: 'dropoff', message: expect.any(String) },
      ],
    });
  });

  it('names the root for a non-object body', () => {
    expect(() => validate(CreateRideRequest, 'nope', 'body')).toThrow(RequestValidationError);
    try {
      validate(CreateRideRequest, 'nope', 'body');
    } catch (error) {
      expect(toErrorBody(error).message).toBe('invalid request body: (root)');
    }
  });
});

describe('toErrorBody', () => {
  it('maps a raw ZodError to 400 with issues', () => {
    const result = z.object({ a: z.string() }).safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) {
      const body = toErrorBody(result.error);
      expect(body.statusCode).toBe(400);
      expect(body.issues?.[0]?.path).toBe('a');
    }
  });

  it('keeps an HttpException status and message', () => {
    expect(toErrorBody(new NotFoundException('ride not found'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'ride not found',
      issues: [],
    });
    expect(toErrorBody(new BadRequestException(['a', 'b']))).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a; b',
      issues: [],
    });
  });

  it('maps body-parser errors', () => {
    expect(
      toErrorBody({ type: 'entity.too.large', status: 413, message: 'request entity too large' }),
    ).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request body too large',
      issues: [],
    });
    expect(
      toErrorBody({ type: 'entity.parse.failed', status: 400, message: 'Unexpected token' })
        .message,
    ).toBe('request body is not valid JSON');
  });

  it('hides unknown errors behind a generic 500', () => {
    const body = toErrorBody(new Error('password=secret at /srv/app.js:1'));
    expect(body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'internal server error',
      issues: [],
    });
  });

  it('maps downstream errors to their gateway statuses', () => {
    expect(
      toErrorBody(
        new DownstreamError('pricing-service', 504, 'pricing-service did not answer within 5 ms'),
      ),
    ).toMatchObject({
      statusCode: 504,
      error: 'Gateway Timeout',
    });
    expect(toErrorBody(new DownstreamError('x', 409, 'conflict', 409)).statusCode).toBe(409);
  });
});
