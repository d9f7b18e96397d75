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

/** The parts of express' response the filter uses. */
interface JsonResponse {
  headersSent: boolean;
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
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'internal server error',
    issues: [],
  };
}

/**
 * Global filter: zod errors -> 400 with `issues`, HttpExceptions -> their status, body-parser
 * errors -> 400/413/415, anything else -> 500 with a generic message (logged with its stack).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const body = toErrorBody(error);
    if (body.statusCode >= 500) {
      // Deliberate 5xx (e.g. a downstream service failing) need no stack; unexpected errors do.
      if (error instanceof HttpException) this.logger.warn(`${body.statusCode} ${body.message}`);
      else this.logger.error(error instanceof Error ? error.stack : String(error));
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}
