import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid body, path parameter, query parameter or header; `issues` names each offending field.',
  404: 'No such resource.',
  409: 'The resource is not in a state that allows this operation.',
  413: 'Request body larger than the limit.',
  415: 'Request body that is not JSON (content-type must be application/json).',
  422: 'The Idempotency-Key was already used with a different request body.',
  502: 'An internal service failed or answered outside its contract.',
  503: 'Busy or unavailable, not broken: the gateway or an internal service is at capacity, unreachable, or did not answer within the request budget. Retry after `Retry-After` seconds (with the same Idempotency-Key for POST /v1/rides).',
};

/** `Retry-After` on every 503. */
const RETRY_AFTER_HEADER = {
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** Documents the JSON error body for each listed status code. */
export function ApiErrorResponses(...statusCodes: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statusCodes.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? 'Error.',
        type: ErrorBodyDto.Output,
        ...(status === 503 ? { headers: RETRY_AFTER_HEADER } : {}),
      }),
    ),
  );
}

/** Every route talks to an internal service, so each can fail in these ways. */
export const DOWNSTREAM_FAILURES = [502, 503] as const;

/** What a request body can get wrong before validation: too large, or not JSON. */
export const BODY_FAILURES = [413, 415] as const;
