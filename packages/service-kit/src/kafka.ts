import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { pinoLogCreator } from './kafka-log';
import { socketFactoryInCreationContext } from './context-rules';
import { withoutTracing } from './trace-context';

export type { Kafka, Producer, Admin } from 'kafkajs';

export interface CreateKafkaOptions {
  /** `config.KAFKA_BROKERS` (already split). */
  brokers: string[];
  /** Usually the service name. */
  clientId: string;
  /** kafkajs' own logs go here (warn and above, start-up retries at debug); silent without. */
  logger?: Logger;
}

/**
 * A kafkajs client with bounded connection retries, logs routed to pino, and broker connections
 * that belong to the client rather than to the request that first needed them.
 */
export function createKafka(options: CreateKafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    socketFactory: socketFactoryInCreationContext(),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 5 },
    logLevel: options.logger ? logLevel.WARN : logLevel.NOTHING,
    ...(options.logger ? { logCreator: pinoLogCreator(options.logger) } : {}),
  });
}

export interface EnsureTopicsOptions {
  numPartitions?: number;
  replicationFactor?: number;
}

/** Creates the topics that do not exist yet (6 partitions, replication factor 1 by default). Safe to race. */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  options: EnsureTopicsOptions = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    // Resolves false (no throw) when another service created them in between.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.numPartitions ?? 6,
        replicationFactor: options.replicationFactor ?? 1,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * The idempotent producer every service uses (`idempotent: true`, one request in flight, acks=all):
 * retries never duplicate or reorder messages within a partition.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // The murmur2 partitioner of the Java client (kafkajs' v2 default), named to silence its notice.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** Throws if the cluster does not answer within `timeoutMs`. Uses a fresh admin client each time. */
export async function checkKafka(kafka: Kafka, timeoutMs = 2_000): Promise<void> {
  const admin: Admin = kafka.admin({ retry: { retries: 0 } });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from Kafka within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await withoutTracing(() =>
      Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]),
    );
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => {});
  }
}
