import { ALL_TOPICS } from '@rideshare/contracts';
import type { Kafka, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { BaseConfig } from './config';
import { createPool, runMigrations } from './database';
import { EventConsumer, type EventHandlers } from './event-consumer';
import { kafkaCheck, postgresCheck, type ReadinessCheck } from './health';
import { createKafka, createProducer, ensureTopics } from './kafka';
import { createLogger } from './logger';
import { OutboxRelay, type OutboxRelayOptions } from './outbox';
import { backoffDelay, isTransientError, sleep } from './transient-errors';

export interface ServiceRuntimeOptions {
  /** `ride-service`, ...: Kafka client id and consumer group. */
  serviceName: string;
  /** Validated config (`loadConfig`). */
  config: Pick<BaseConfig, 'DATABASE_URL' | 'KAFKA_BROKERS' | 'LOG_LEVEL'> &
    Partial<Pick<BaseConfig, 'KAFKA_TOPIC_PARTITIONS'>>;
  /** The service's PostgreSQL schema (`rides`, `pricing`, `drivers`, `gateway`). */
  schema: string;
  /** The service's migrations directory; omit for no migrations (then no outbox/processed_events either). */
  migrationsDir?: string;
  /** Topics to create if missing (default: every event topic + the dead-letter topic). */
  topics?: string[];
  /** Defaults to `createLogger({ level: config.LOG_LEVEL, service: serviceName })`. */
  logger?: Logger;
  /**
   * Whether the service publishes or consumes events (default true): the kit's outbox and
   * processed_events migrations, topics and a connected producer. Without, Kafka is only a
   * readiness check.
   */
  messaging?: boolean;
  /** Start the outbox relay (default: true when messaging and migrationsDir are set). */
  outbox?: boolean | Partial<Omit<OutboxRelayOptions, 'pool' | 'producer' | 'logger'>>;
  poolSize?: number;
  /** How long start() waits for PostgreSQL/Kafka to become reachable (default 60 s). */
  startupTimeoutMs?: number;
}

/** Runs `step`, retrying transient (connection) errors with backoff until `timeoutMs` has passed. */
async function retryTransient<T>(
  what: string,
  step: () => Promise<T>,
  logger: Logger,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const delay = backoffDelay(attempt, { initialMs: 250, maxMs: 5_000 });
      if (!isTransientError(error) || Date.now() + delay > deadline) throw error;
      if (attempt === 0) logger.warn({ err: error }, `${what}: waiting for the infrastructure`);
      await sleep(delay);
    }
  }
}

/**
 * Everything a service holds outside Nest: pool (search_path = its schema), Kafka client,
 * connected idempotent producer, outbox relay, and optionally one event consumer.
 */
export class ServiceRuntime {
  private consumer: EventConsumer | undefined;
  private stopped = false;

  private constructor(
    readonly serviceName: string,
    readonly logger: Logger,
    readonly pool: Pool,
    readonly kafka: Kafka,
    /** Absent when the service has no messaging. */
    readonly producer: Producer | undefined,
    readonly relay: OutboxRelay | undefined,
  ) {}

  /**
   * Migrates the schema, creates missing topics, connects the producer and starts the relay.
   * While PostgreSQL or Kafka is still starting (transient errors) it retries for up to
   * `startupTimeoutMs`, then throws.
   */
  static async start(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { config, serviceName } = options;
    const logger =
      options.logger ?? createLogger({ level: config.LOG_LEVEL, service: serviceName });
    const retry = <T>(what: string, step: () => Promise<T>): Promise<T> =>
      retryTransient(what, step, logger, options.startupTimeoutMs ?? 60_000);
    const messaging = options.messaging ?? true;
    const migrationsDir = options.migrationsDir;
    if (migrationsDir) {
      await retry('PostgreSQL migrations', () =>
        runMigrations({
          databaseUrl: config.DATABASE_URL,
          schema: options.schema,
          dir: migrationsDir,
          includeServiceKitMigrations: messaging,
          logger,
        }),
      );
    }
    const pool = createPool(config.DATABASE_URL, { schema: options.schema, max: options.poolSize });
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: serviceName, logger });
    if (!messaging)
      return new ServiceRuntime(serviceName, logger, pool, kafka, undefined, undefined);
    try {
      await retry('Kafka topics', () =>
        ensureTopics(kafka, options.topics ?? ALL_TOPICS, {
          numPartitions: config.KAFKA_TOPIC_PARTITIONS,
        }),
      );
      const producer = createProducer(kafka);
      await retry('Kafka producer', () => producer.connect());
      const relayEnabled = options.outbox ?? options.migrationsDir !== undefined;
      const relay = relayEnabled
        ? new OutboxRelay({
            pool,
            producer,
            logger,
            ...(typeof options.outbox === 'object' ? options.outbox : {}),
          })
        : undefined;
      relay?.start();
      return new ServiceRuntime(serviceName, logger, pool, kafka, producer, relay);
    } catch (error) {
      await pool.end().catch(() => {});
      throw error;
    }
  }

  /** Postgres + Kafka checks for `HealthModule`. */
  get readinessChecks(): ReadinessCheck[] {
    return [postgresCheck(this.pool), kafkaCheck(this.kafka)];
  }

  /** Starts the service's consumer group (group id = service name) on the handlers' topics. */
  async startConsumer(
    handlers: EventHandlers,
    options: { fromBeginning?: boolean; groupId?: string } = {},
  ): Promise<EventConsumer> {
    if (this.consumer) throw new Error('consumer already started');
    if (!this.producer) throw new Error('a service without messaging has no consumer');
    this.consumer = new EventConsumer({
      kafka: this.kafka,
      groupId: options.groupId ?? this.serviceName,
      pool: this.pool,
      producer: this.producer,
      handlers,
      logger: this.logger,
      fromBeginning: options.fromBeginning,
    });
    await this.consumer.start();
    return this.consumer;
  }

  /** Stops the consumer (commits offsets), then the relay, then disconnects the producer and closes the pool. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const steps: Array<[string, () => Promise<void>]> = [
      ['consumer', async () => this.consumer?.stop()],
      ['outbox relay', async () => this.relay?.stop()],
      ['producer', async () => this.producer?.disconnect()],
      ['pool', () => this.pool.end()],
    ];
    for (const [name, step] of steps) {
      try {
        const started = Date.now();
        await step();
        this.logger.debug({ ms: Date.now() - started }, `stopped the ${name}`);
      } catch (error) {
        this.logger.warn({ err: error }, `error while stopping the ${name}`);
      }
    }
  }
}
