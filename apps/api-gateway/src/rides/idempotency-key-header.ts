import { IdempotencyKey } from '@rideshare/contracts';
import { validate } from '@rideshare/service-kit';
import { z } from 'zod';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The header's OpenAPI schema, from the same zod schema that validates it. */
export const IDEMPOTENCY_KEY_HEADER_SCHEMA = (({ $schema: _, ...schema }) => schema)(
  z.toJSONSchema(IdempotencyKey, { target: 'openapi-3.0' }) as Record<string, unknown>,
);

// Keyed by the header's name so that a validation issue names it as the field.
const IdempotencyKeyHeaders = z.object({ [IDEMPOTENCY_KEY_HEADER]: IdempotencyKey.optional() });

/**
 * Validates the optional `Idempotency-Key` header; throws the kit's 400
 * `RequestValidationError` with the issue path `Idempotency-Key`.
 */
export function parseIdempotencyKeyHeader(
  value: string | string[] | undefined,
): string | undefined {
  return validate(IdempotencyKeyHeaders, { [IDEMPOTENCY_KEY_HEADER]: value }, 'headers')[
    IDEMPOTENCY_KEY_HEADER
  ];
}
