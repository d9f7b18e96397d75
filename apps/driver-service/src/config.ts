import { loadConfig, type ServiceConfig } from '@rideshare/service-kit';
import { z } from 'zod';

export const SERVICE_NAME = 'driver-service';
export const DEFAULT_PORT = 8083;

const driverVariables = {
  /** Kafka consumer group; one per service (tests use their own). */
  KAFKA_GROUP_ID: z.string().trim().min(1).max(200).default(SERVICE_NAME),
  /** Drivers seeded at start-up for every region x vehicle (idempotent: existing ones are kept). */
  DRIVERS_PER_REGION_VEHICLE: z.coerce.number().int().min(0).max(10_000).default(10),
  /** At most this many nearby available drivers are scored for one ride. */
  MATCHING_CANDIDATE_LIMIT: z.coerce.number().int().min(1).max(5_000).default(50),
};

export type DriverConfig = ServiceConfig<typeof driverVariables>;

export const DRIVER_CONFIG = Symbol('DRIVER_CONFIG');

/** Reads and validates the environment; throws a `ConfigError` naming each bad variable. */
export function loadDriverConfig(env: NodeJS.ProcessEnv = process.env): DriverConfig {
  return loadConfig({ defaultPort: DEFAULT_PORT, extra: driverVariables, env });
}
