import type { ServiceConfig } from '@rideshare/service-kit';
import { z } from 'zod';

/** api-gateway's own variables, besides the kit's (PORT, DATABASE_URL, KAFKA_BROKERS, ...). */
export const variables = {
  RIDE_SERVICE_URL: z.url().default('http://127.0.0.1:8081'),
  PRICING_SERVICE_URL: z.url().default('http://127.0.0.1:8082'),
  DRIVER_SERVICE_URL: z.url().default('http://127.0.0.1:8083'),
  /** Longest one call to an internal service may take (capped by what is left of the request's budget, REQUEST_BUDGET_MS). */
  DOWNSTREAM_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(15_000),
  /** Largest accepted JSON request body (bytes); larger ones get a 413. */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(64).max(10_485_760).default(16_384),
};

export type GatewayConfig = ServiceConfig<typeof variables>;
