import { loadConfig, type ServiceConfig } from '@rideshare/service-kit';
import { z } from 'zod';

export const SERVICE_NAME = 'ride-service';
export const DEFAULT_PORT = 8081;

const rideConfigShape = {
  /** Base URL of pricing-service (`POST /quotes`). */
  PRICING_URL: z.url().default('http://127.0.0.1:8082'),
  PRICING_TIMEOUT_MS: z.coerce.number().int().positive().default(8_000),
  /** Kafka consumer group; every ride-service replica shares one. */
  KAFKA_GROUP_ID: z.string().min(1).default(SERVICE_NAME),
};

export type RideConfig = ServiceConfig<typeof rideConfigShape>;

/** Validated ride-service configuration; throws a ConfigError naming any bad variable. */
export function loadRideConfig(env: NodeJS.ProcessEnv = process.env): RideConfig {
  return loadConfig({ defaultPort: DEFAULT_PORT, extra: rideConfigShape, env });
}

export const RIDE_CONFIG = Symbol('RIDE_CONFIG');
