import type { ServiceConfig } from '@rideshare/service-kit';
import { z } from 'zod';

/** ride-service's own variables, besides the kit's (PORT, DATABASE_URL, KAFKA_BROKERS, ...). */
export const variables = {
  /** Base URL of pricing-service (`POST /quotes`). */
  PRICING_URL: z.url().default('http://127.0.0.1:8082'),
  PRICING_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
};

export type RideConfig = ServiceConfig<typeof variables>;
