import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestService<Config, Service> {
  service: Service;
  config: Config;
  database: TestDatabase;
  kafkaBrokers: string;
  /** Closes the service, then drops its database. */
  stop(): Promise<void>;
}

export interface StartTestServiceOptions<Config, Service> {
  /** Prefix of the fresh database's name, e.g. `drivers`. */
  databasePrefix: string;
  /** Prefix of the fresh consumer group (`KAFKA_GROUP_ID`), e.g. `driver-test`. */
  groupIdPrefix: string;
  /** The service's config loader, given the test environment below. */
  loadConfig: (env: Record<string, string>) => Config;
  /** Starts the service in-process (e.g. on `127.0.0.1`, without signal handlers). */
  start: (config: Config) => Promise<Service>;
  /** Overrides of the test environment (`PORT=0`, the database, brokers, group, `LOG_LEVEL=warn`). */
  env?: Record<string, string>;
}

/**
 * A real service in-process on a random port, on its own fresh database and its own consumer
 * group, against the PostgreSQL and Kafka of the vitest global setup (`DATABASE_URL`,
 * `KAFKA_BROKERS`).
 */
export async function startTestService<Config, Service extends { close(): Promise<void> }>(
  options: StartTestServiceOptions<Config, Service>,
): Promise<TestService<Config, Service>> {
  const kafkaBrokers = requiredEnv('KAFKA_BROKERS');
  const database = await createTestDatabase(requiredEnv('DATABASE_URL'), options.databasePrefix);
  try {
    const config = options.loadConfig({
      PORT: '0',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_GROUP_ID: `${options.groupIdPrefix}-${randomUUID()}`,
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    const service = await options.start(config);
    return {
      service,
      config,
      database,
      kafkaBrokers,
      async stop() {
        await service.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A variable the vitest global setup of `@rideshare/native-infra` sets; throws when it is missing. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set (the vitest global setup of @rideshare/native-infra sets it)`,
    );
  return value;
}
