import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from './database';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { requiredEnv } from './test-service';

export interface TestServiceProcess {
  process: ServiceProcess;
  database: TestDatabase;
  /** Stops the process (if it still runs), then drops its database. */
  stop(): Promise<void>;
}

/**
 * A built service as `pnpm start` runs it (`startServiceProcess`), named `name` in its telemetry,
 * on its own fresh database and consumer group against the PostgreSQL and Kafka of the vitest
 * global setup. `env` is added last.
 */
export async function startTestServiceProcess(options: {
  appDir: string;
  name: string;
  env?: Record<string, string>;
}): Promise<TestServiceProcess> {
  const database = await createTestDatabase(requiredEnv('DATABASE_URL'), `${options.name}_process`);
  const service = await startServiceProcess({
    appDir: options.appDir,
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      KAFKA_GROUP_ID: `${options.name}-process-${randomUUID()}`,
      ...options.env,
    },
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const stop = async () => {
    await service.stop();
    await database.drop();
  };
  return { process: service, database, stop };
}
