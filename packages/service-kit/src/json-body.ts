import {
  BadRequestException,
  UnsupportedMediaTypeException,
  type INestApplication,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ErrorBody } from '@rideshare/contracts';

/** The parts of express' request and of body-parser's errors used here. */
interface BodyRequest {
  headers: Record<string, string | string[] | undefined>;
  is(types: string[]): string | false | null;
}
interface BodyParserError {
  type?: unknown;
  message: string;
}
type Next = (error?: unknown) => void;

/** Whether the request carries body bytes (`content-length: 0`, as a bodiless POST sends, does not). */
function hasBodyBytes(request: BodyRequest): boolean {
  return (
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0
  );
}

/** 415 for a request whose body is not JSON (`application/json` or `+json`), before it is read. */
export function refuseNonJsonBodies(request: BodyRequest, _response: unknown, next: Next): void {
  if (hasBodyBytes(request) && !request.is(['application/json', '+json']))
    return next(
      new UnsupportedMediaTypeException({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'request body must be JSON (content-type: application/json)',
        issues: [],
      } satisfies ErrorBody),
    );
  next();
}

/** Malformed JSON as a 400 whose issue (on the body itself, path '') says what the parser found. */
export function describeMalformedJson(
  error: BodyParserError,
  _request: unknown,
  _response: unknown,
  next: Next,
): void {
  if (error.type !== 'entity.parse.failed') return next(error);
  next(
    new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'request body is not valid JSON',
      issues: [{ path: '', message: error.message }],
    } satisfies ErrorBody),
  );
}

/**
 * Request bodies are JSON: anything else is a 415; any JSON value is parsed (also `null` or a
 * number, which the route's schema then refuses with a 400 naming what it expected); malformed
 * JSON is a 400 with `issues`; a body over `limit` is a 413.
 */
export function useJsonBodies(app: INestApplication, limit: number | string): void {
  const express = app as NestExpressApplication;
  express.use(refuseNonJsonBodies);
  express.useBodyParser('json', { limit, strict: false });
  express.use(describeMalformedJson);
}
