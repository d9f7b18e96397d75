import { Region } from '@rideshare/contracts';
import { loadConfig, type ServiceConfig } from '@rideshare/service-kit';
import { z } from 'zod';

export const SERVICE_NAME = 'pricing-service';
export const DEFAULT_PORT = 8082;

const pricingVariables = {
  /** Kafka consumer group; one per service (tests use their own). */
  KAFKA_GROUP_ID: z.string().trim().min(1).max(200).default(SERVICE_NAME),
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

export type PricingConfig = ServiceConfig<typeof pricingVariables>;

export const PRICING_CONFIG = Symbol('PRICING_CONFIG');

/** Reads and validates the environment; throws a `ConfigError` naming each bad variable. */
export function loadPricingConfig(env: NodeJS.ProcessEnv = process.env): PricingConfig {
  return loadConfig({ defaultPort: DEFAULT_PORT, extra: pricingVariables, env });
}
