import { startKafka } from './kafka';
import { startPostgres } from './postgres';

export interface Infra {
  databaseUrl: string;
  kafkaBrokers: string;
  /** Stops and removes what ensureInfra started; what came from the environment is left alone. */
  stop(): Promise<void>;
}

interface Started {
  value: string;
  stop(): Promise<void>;
}

async function fromEnvOr(
  envValue: string | undefined,
  start: () => Promise<Started>,
): Promise<Started> {
  if (envValue) return { value: envValue, stop: async () => undefined };
  return start();
}

/**
 * PostgreSQL and Kafka for tests: DATABASE_URL / KAFKA_BROKERS when set, otherwise a native
 * PostgreSQL and/or Kafka started here (both at once).
 */
export async function ensureInfra(): Promise<Infra> {
  const results = await Promise.allSettled([
    fromEnvOr(process.env.DATABASE_URL, async () => {
      const postgres = await startPostgres();
      return { value: postgres.url, stop: postgres.stop };
    }),
    fromEnvOr(process.env.KAFKA_BROKERS, async () => {
      const kafka = await startKafka();
      return { value: kafka.brokers, stop: kafka.destroy };
    }),
  ]);
  const [database, kafka] = results;
  if (database.status === 'rejected' || kafka.status === 'rejected') {
    await Promise.all(
      results.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)),
    );
    const failures = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason as unknown] : [],
    );
    throw failures.length === 1
      ? failures[0]
      : new AggregateError(failures, 'starting PostgreSQL and Kafka failed');
  }
  return {
    databaseUrl: database.value.value,
    kafkaBrokers: kafka.value.value,
    async stop() {
      await Promise.all([database.value.stop(), kafka.value.stop()]);
    },
  };
}
