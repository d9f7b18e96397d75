import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type IHeaders, type KafkaMessage } from 'kafkajs';
import { waitFor } from './wait-for';

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  /** Header values decoded as UTF-8 strings. */
  headers: Record<string, string>;
  /** `value` parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) decoded[name] = first.toString();
  }
  return decoded;
}

function toConsumed(topic: string, partition: number, message: KafkaMessage): ConsumedMessage {
  const value = message.value?.toString('utf8') ?? null;
  let json: unknown;
  try {
    json = value === null ? undefined : JSON.parse(value);
  } catch {
    json = undefined;
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value,
    headers: decodeHeaders(message.headers),
    json,
  };
}

function testKafka(brokers: string | string[]): Kafka {
  return new Kafka({
    clientId: `test-${randomUUID().slice(0, 8)}`,
    brokers: typeof brokers === 'string' ? brokers.split(',') : brokers,
    logLevel: logLevel.NOTHING,
  });
}

export interface ConsumeUntilOptions {
  /** Comma list or array, e.g. `process.env.KAFKA_BROKERS`. */
  brokers: string | string[];
  topic: string;
  /** Resolve with the first message that satisfies it. */
  predicate: (message: ConsumedMessage) => boolean;
  /** Default 30 s. */
  timeoutMs?: number;
}

/**
 * Reads `topic` from the beginning with a throwaway consumer group until a message satisfies
 * `predicate`, and returns it. Rejects after `timeoutMs`.
 */
export async function consumeUntil(options: ConsumeUntilOptions): Promise<ConsumedMessage> {
  const kafka = testKafka(options.brokers);
  const consumer = kafka.consumer({ groupId: `test-${randomUUID()}` });
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: options.topic, fromBeginning: true });
    return await new Promise<ConsumedMessage>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching message on '${options.topic}' within ${options.timeoutMs ?? 30_000} ms`,
            ),
          ),
        options.timeoutMs ?? 30_000,
      );
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            const consumed = toConsumed(topic, partition, message);
            if (options.predicate(consumed)) resolve(consumed);
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => {});
  }
}

export interface RawMessage {
  key?: string | null;
  /** A string is sent as-is (so tests can send malformed JSON); anything else is JSON-encoded. */
  value: unknown;
  headers?: Record<string, string>;
}

/** Produces messages with a plain (non-idempotent) producer, bypassing all validation. */
export async function produceMessages(
  brokers: string | string[],
  topic: string,
  messages: RawMessage[],
): Promise<void> {
  const producer = testKafka(brokers).producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: messages.map((message) => ({
        key: message.key ?? null,
        value: typeof message.value === 'string' ? message.value : JSON.stringify(message.value),
        headers: message.headers,
      })),
    });
  } finally {
    await producer.disconnect();
  }
}

export interface WaitForConsumerGroupOptions {
  brokers: string | string[];
  groupId: string;
  topics: string[];
  /** Default 60 s. */
  timeoutMs?: number;
}

/**
 * Waits until `groupId` has committed offsets up to the end of every partition of `topics`, i.e.
 * has worked through everything published so far (useful before counting rows a consumer writes).
 */
export async function waitForConsumerGroup(options: WaitForConsumerGroupOptions): Promise<void> {
  const admin = testKafka(options.brokers).admin();
  await admin.connect();
  try {
    await waitFor(
      async () => {
        for (const topic of options.topics) {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({
            groupId: options.groupId,
            topics: [topic],
          });
          for (const end of ends) {
            if (end.high === end.low) continue; // nothing to consume
            const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset;
            if (offset === undefined || Number(offset) < Number(end.high)) return false;
          }
        }
        return true;
      },
      {
        timeoutMs: options.timeoutMs ?? 60_000,
        description: `consumer group ${options.groupId} to catch up`,
      },
    );
  } finally {
    await admin.disconnect();
  }
}
