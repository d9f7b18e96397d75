import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { toErrorIssues, type ErrorBody } from '@rideshare/contracts';
import { ZodError } from 'zod';
import { DEFAULT_RETRY_AFTER_SECONDS, isOverloadError } from './overload-error';

/** The parts of express' response the filter uses. */
interface JsonResponse {
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  status(code: number): { json(body: unknown): unknown };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusText(status: number): string {
  return (
    STATUS_TEXT[status] ??
    HttpStatus[status]
      ?.replaceAll('_', ' ')
      .toLowerCase()
      .replace(/\b\w/g, (c) => c.toUpperCase()) ??
    'Error'
  );
}

/** Errors raised by express' body parser before Nest sees the request. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

/** Maps any thrown value to the error JSON every service answers with. Never leaks stack traces. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ZodError) {
    const issues = toErrorIssues(error);
    return {
      statusCode: 400,
      error: 'Bad Request',
      message: `invalid input: ${issues.map((issue) => issue.path || '(root)').join(', ')}`,
      issues,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body: ErrorBody = {
      statusCode: status,
      error: statusText(status),
      message: error.message,
      issues: [],
    };
    if (typeof response === 'string') body.message = response;
    else if (typeof response === 'object' && response !== null) {
      const fields = response as {
        error?: unknown;
        message?: unknown;
        issues?: ErrorBody['issues'];
      };
      if (typeof fields.error === 'string') body.error = fields.error;
      if (typeof fields.message === 'string') body.message = fields.message;
      else if (Array.isArray(fields.message)) body.message = fields.message.map(String).join('; ');
      if (Array.isArray(fields.issues)) body.issues = fields.issues;
    }
    return body;
  }
  if (isBodyParserError(error) && error.status >= 400 && error.status < 500) {
    const message =
      error.type === 'entity.too.large'
        ? 'request body too large'
        : error.type === 'entity.parse.failed'
          ? 'request body is not valid JSON'
          : error.expose
            ? error.message
            : statusText(error.status);
    return { statusCode: error.status, error: statusText(error.status), message, issues: [] };
  }
  if (isOverloadError(error))
    return {
      statusCode: 503,
      error: statusText(503),
      message: 'service temporarily unavailable: database busy or unreachable',
      issues: [],
    };
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'internal server error',
    issues: [],
  };
}

/** `Retry-After` seconds for a 503/429 answer: the error's own `retryAfterSeconds`, else 1. */
export function retryAfterSecondsOf(error: unknown, status: number): number | undefined {
  if (status !== 503 && status !== 429) return undefined;
  const own = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof own === 'number' && Number.isFinite(own) && own >= 0
    ? Math.ceil(own)
    : DEFAULT_RETRY_AFTER_SECONDS;
}

/**
 * Global filter: zod errors -> 400 with `issues`, HttpExceptions -> their status, body-parser
 * errors -> 400/413/415, a busy or unreachable database -> 503, anything else -> 500 with a
 * generic message (logged with its stack). Every 503/429 carries `Retry-After`.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const body = toErrorBody(error);
    if (body.statusCode >= 500) {
      // Deliberate 5xx (e.g. a downstream service failing) need no stack; unexpected errors do.
      if (error instanceof HttpException || body.statusCode === 503)
        this.logger.warn(
          `${body.statusCode} ${error instanceof Error ? error.message : body.message}`,
        );
      else this.logger.error(error instanceof Error ? error.stack : String(error));
    }
    if (response.headersSent) return;
    const retryAfter = retryAfterSecondsOf(error, body.statusCode);
    if (retryAfter !== undefined) response.setHeader('retry-after', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}
