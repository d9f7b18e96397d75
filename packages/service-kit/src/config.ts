import { z } from 'zod';
import { describeZodError, Region } from '@rideshare/contracts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const DEFAULT_DATABASE_URL = 'postgres://rideshare:rideshare@127.0.0.1:5432/rideshare';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

/** Thrown by `loadConfig` for a missing or malformed variable; the message names each one and why. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function baseShape(defaultPort: number, serviceName: string) {
  return {
    PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    REGION: Region.optional(),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL'),
    KAFKA_BROKERS: z
      .string()
      .default(DEFAULT_KAFKA_BROKERS)
      .transform((value) =>
        value
          .split(',')
          .map((broker) => broker.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'each broker must be host:port')).min(1)),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /**
     * Partitions of the topics a service creates when they are missing: the most consumers of one
     * group that get work, so at least the largest replica count of any consuming service.
     */
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
    /** Kafka consumer group; every replica of a service shares one (tests use their own). */
    KAFKA_GROUP_ID: z.string().trim().min(1).max(200).default(serviceName),
    /** HTTP requests served at the same time; more wait in the queue (see `overloadGuard`). */
    MAX_IN_FLIGHT_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(32),
    /** HTTP requests waiting for a slot; more are answered 503 + Retry-After at once. */
    MAX_QUEUED_REQUESTS: z.coerce.number().int().min(0).max(100_000).default(64),
    /** Time budget of a request that brings none in `x-request-budget-ms`, and the cap of one that does. */
    REQUEST_BUDGET_MS: z.coerce.number().int().min(1).max(300_000).default(15_000),
  };
}

type BaseShape = ReturnType<typeof baseShape>;
export type BaseConfig = z.infer<z.ZodObject<BaseShape>>;
export type ServiceConfig<Extra extends z.ZodRawShape = Record<never, never>> = z.infer<
  z.ZodObject<BaseShape & Extra>
>;

export interface LoadConfigOptions<Extra extends z.ZodRawShape> {
  /** PORT when the variable is unset (each service has its own, see the common ports). */
  defaultPort?: number;
  /** KAFKA_GROUP_ID when the variable is unset. */
  serviceName?: string;
  /** Service-specific variables, e.g. `{ PRICING_URL: z.url().default('http://127.0.0.1:8082') }`. */
  extra?: Extra;
  /** Defaults to `process.env`. Empty strings count as unset. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Validates the environment once at start-up. Throws one `ConfigError` naming every bad variable:
 * `Invalid configuration: PORT: Too big: expected number to be <=65535 (got "70000")`.
 */
export function loadConfig<Extra extends z.ZodRawShape = Record<never, never>>(
  options: LoadConfigOptions<Extra> = {},
): ServiceConfig<Extra> {
  const env = options.env ?? process.env;
  const shape = {
    ...baseShape(options.defaultPort ?? 3000, options.serviceName ?? 'rideshare'),
    ...(options.extra ?? {}),
  } as BaseShape & Extra;
  const input: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    const details = result.error.issues
      .map((issue) => {
        const variable = String(issue.path[0] ?? '');
        const got = variable in input ? ` (got ${JSON.stringify(input[variable])})` : '';
        return `${issue.path.map(String).join('.')}: ${issue.message}${got}`;
      })
      .join('; ');
    throw new ConfigError(`Invalid configuration: ${details || describeZodError(result.error)}`);
  }
  return result.data as ServiceConfig<Extra>;
}
