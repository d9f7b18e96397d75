import { randomUUID } from 'node:crypto';
import type { Service } from '../define-service';
import type { StartedService } from '../start-service';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestService<Config> {
  service: StartedService;
  config: Config;
  database: TestDatabase;
  kafkaBrokers: string;
  /** Closes the service, then drops its database. */
  stop(): Promise<void>;
}

/**
 * A real service in-process on a random port of 127.0.0.1 (no signal handlers), on its own fresh
 * database (named after its schema) and its own consumer group, against the PostgreSQL and Kafka of the vitest global
 * setup (`DATABASE_URL`, `KAFKA_BROKERS`).
 */
export async function startTestService<Config>(
  definition: Service<Config>,
  /** Overrides of the test environment (`PORT=0`, the database, brokers, group, `LOG_LEVEL=warn`). */
  env: Record<string, string> = {},
): Promise<TestService<Config>> {
  const kafkaBrokers = requiredEnv('KAFKA_BROKERS');
  const database = await createTestDatabase(requiredEnv('DATABASE_URL'), definition.schema);
  try {
    const config = definition.loadConfig({
      PORT: '0',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_GROUP_ID: `${definition.name}-test-${randomUUID()}`,
      LOG_LEVEL: 'warn',
      ...env,
    });
    const service = await definition.start(config, { host: '127.0.0.1', handleSignals: false });
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
