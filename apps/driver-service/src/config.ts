import type { ServiceConfig } from '@rideshare/service-kit';
import { z } from 'zod';

/** driver-service's own variables, besides the kit's (PORT, DATABASE_URL, KAFKA_BROKERS, ...). */
export const variables = {
  /** Drivers seeded at start-up for every region x vehicle (idempotent: existing ones are kept). */
  DRIVERS_PER_REGION_VEHICLE: z.coerce.number().int().min(0).max(10_000).default(10),
  /** At most this many nearby available drivers are scored for one ride. */
  MATCHING_CANDIDATE_LIMIT: z.coerce.number().int().min(1).max(5_000).default(50),
};

export type DriverConfig = ServiceConfig<typeof variables>;
