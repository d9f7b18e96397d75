import { Region } from '@rideshare/contracts';
import type { ServiceConfig } from '@rideshare/service-kit';
import { z } from 'zod';

/** pricing-service's own variables, besides the kit's (PORT, DATABASE_URL, KAFKA_BROKERS, ...). */
export const variables = {
  /** Quotes in this region do extra CPU work (demo of a regional hotspot). Off when unset. */
  SLOW_REGION: Region.optional(),
  /** How much extra work the slow region does; each unit is one pass over its road graph. */
  SLOWDOWN_FACTOR: z.coerce.number().int().min(1).max(1000).default(8),
  /** Rides requested longer ago than this no longer count as demand (abandoned or lost rides). */
  DEMAND_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
};

export type PricingConfig = ServiceConfig<typeof variables>;
