import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@rideshare/service-kit/testing';
import { loadPricingConfig, type PricingConfig } from '../../src/config/pricing-config';
import { startPricingService, type RunningPricingService } from '../../src/pricing-service';

export interface TestPricingService {
  service: RunningPricingService;
  config: PricingConfig;
  database: TestDatabase;
  kafkaBrokers: string;
  stop(): Promise<void>;
}

/**
 * The real service in-process on a random port, on its own fresh database and its own
 * consumer group, against the PostgreSQL and Kafka of the vitest global setup.
 */
export async function startTestPricingService(
  env: Record<string, string> = {},
): Promise<TestPricingService> {
  const databaseUrl = requiredEnv('DATABASE_URL');
  const kafkaBrokers = requiredEnv('KAFKA_BROKERS');
  const database = await createTestDatabase(databaseUrl, 'pricing');
  const config = loadPricingConfig({
    PORT: '0',
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_GROUP_ID: `pricing-test-${randomUUID()}`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const service = await startPricingService(config, { host: '127.0.0.1', handleSignals: false });
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

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set (the vitest global setup of @rideshare/native-infra sets it)`,
    );
  return value;
}
