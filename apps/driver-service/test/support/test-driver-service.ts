import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@rideshare/service-kit/testing';
import { loadDriverConfig, type DriverConfig } from '../../src/config/driver-config';
import { startDriverService, type RunningDriverService } from '../../src/driver-service';

export interface TestDriverService {
  service: RunningDriverService;
  config: DriverConfig;
  database: TestDatabase;
  kafkaBrokers: string;
  stop(): Promise<void>;
}

/**
 * The real service in-process on a random port, on its own fresh database and its own
 * consumer group, against the PostgreSQL and Kafka of the vitest global setup.
 */
export async function startTestDriverService(
  env: Record<string, string> = {},
): Promise<TestDriverService> {
  const databaseUrl = requiredEnv('DATABASE_URL');
  const kafkaBrokers = requiredEnv('KAFKA_BROKERS');
  const database = await createTestDatabase(databaseUrl, 'drivers');
  const config = loadDriverConfig({
    PORT: '0',
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_GROUP_ID: `driver-test-${randomUUID()}`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const service = await startDriverService(config, { host: '127.0.0.1', handleSignals: false });
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
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set (the vitest global setup of @rideshare/native-infra sets it)`,
    );
  return value;
}
