import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { toErrorIssues, type ErrorIssue } from '@rideshare/contracts';
import type { z } from 'zod';

/** A 400 whose JSON body lists the offending fields: `{ statusCode, error, message, issues: [{ path, message }] }`. */
export class RequestValidationError extends BadRequestException {
  constructor(
    readonly issues: ErrorIssue[],
    readonly location: 'body' | 'query' | 'params' | 'headers' | 'input' = 'input',
  ) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: `invalid request ${location}: ${issues.map((issue) => issue.path || '(root)').join(', ')}`,
      issues,
    });
  }
}

/** Parses `value` with `schema`; throws `RequestValidationError` naming each bad field. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  location: RequestValidationError['location'] = 'input',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new RequestValidationError(toErrorIssues(result.error), location);
  return result.data;
}

/**
 * Nest pipe validating one argument with a zod schema and returning the parsed value:
 * `@Body(new ZodValidationPipe(CreateRideRequest)) body: CreateRideRequest`.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly location: RequestValidationError['location'] = 'input',
  ) {}

  transform(value: unknown): z.infer<S> {
    return validate(this.schema, value, this.location);
  }
}
