import {
  DEAD_LETTER_TOPIC,
  parseEvent,
  type EventOf,
  type EventType,
  type RideshareEvent,
} from '@rideshare/contracts';
import type { Consumer, EachMessagePayload, IHeaders, Kafka, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { withTransaction } from './database';
import { backoffDelay, isTransientError, sleep, type BackoffOptions } from './transient-errors';

/** What a handler gets besides the event: the open transaction and where the message came from. */
export interface EventContext {
  /** The transaction that also records the event id; write the service's state with it. */
  client: PoolClient;
  topic: string;
  partition: number;
  offset: string;
  headers: IHeaders;
}

export type EventHandler<T extends EventType> = (
  event: EventOf<T>,
  context: EventContext,
) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/**
 * Throw from a handler when the event can never be applied (e.g. it references an unknown ride):
 * the message goes to the dead-letter topic with this message as the reason, and consumption goes on.
 */
export class PermanentEventError extends Error {
  override readonly name = 'PermanentEventError';
}

/** Headers set on every dead-lettered message. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
} as const;

export interface EventConsumerOptions {
  kafka: Kafka;
  /** One consumer group per service, e.g. `ride-service`. */
  groupId: string;
  /** Pool whose `search_path` is the service schema (holds `processed_events`). */
  pool: Pool;
  /** Used to publish dead letters (the service's idempotent producer, already connected). */
  producer: Producer;
  /** Subscribed topics are exactly the keys of this map. */
  handlers: EventHandlers;
  logger: Logger;
  /** Attempts for a transient error before giving the message back to Kafka uncommitted (default 8). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Read new topics from the beginning (default true: nothing published before the first start is lost). */
  fromBeginning?: boolean;
}

export type MessageOutcome = 'processed' | 'duplicate' | 'dead-lettered';

/**
 * Consumes the handlers' topics with one consumer group. Per message, inside kafkajs' `eachMessage`
 * (so the instrumentation's `process` span is active around the handler):
 * invalid -> dead-letter topic with the reason, continue; valid -> one transaction that records the
 * event id in `processed_events` (a duplicate is skipped) and runs the handler. Transient errors are
 * retried with exponential backoff; the offset is committed only after the message succeeded.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly stopping = new AbortController();
  private running = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      // Bounds how long a stop waits for the fetch in progress.
      maxWaitTimeInMs: 1_000,
      // Bounds one fetched batch (messages are then handled one at a time per partition), so a
      // backlog after an outage is taken in small bites rather than held in memory at once.
      maxBytesPerPartition: 256 * 1024,
      maxBytes: 1024 * 1024,
      retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 10 },
    });
  }

  get topics(): EventType[] {
    return Object.keys(this.options.handlers) as EventType[];
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.topics,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      autoCommit: true,
      eachMessage: async (payload) => {
        await this.handleMessage(payload);
      },
    });
    this.running = true;
  }

  /** Leaves the group after the in-flight message; resolved offsets are committed on the way out. */
  async stop(): Promise<void> {
    this.stopping.abort();
    if (!this.running) {
      await this.consumer.disconnect().catch(() => {});
      return;
    }
    this.running = false;
    await this.consumer.disconnect();
  }

  /** Processes one message; exposed for unit tests. Throws only for errors that should redeliver it. */
  async handleMessage(payload: EachMessagePayload): Promise<MessageOutcome> {
    const { topic, partition, message } = payload;
    const where = { topic, partition, offset: message.offset };
    const parsed = parseEvent(topic, message.value);
    if (!parsed.ok) {
      await this.deadLetter(payload, parsed.reason);
      this.options.logger.warn(
        { ...where, reason: parsed.reason },
        'invalid event sent to the dead-letter topic',
      );
      return 'dead-lettered';
    }
    const event = parsed.event;
    const maxAttempts = this.options.maxAttempts ?? 8;
    for (let attempt = 0; ; attempt++) {
      try {
        const outcome = await this.apply(event, {
          topic,
          partition,
          offset: message.offset,
          headers: message.headers ?? {},
        });
        this.options.logger.debug({ ...where, eventId: event.id, outcome }, 'event handled');
        return outcome;
      } catch (error) {
        if (error instanceof PermanentEventError || !isTransientError(error)) {
          const reason = `handler failed: ${(error as Error).message}`;
          await this.deadLetter(payload, reason);
          this.options.logger.error(
            { ...where, eventId: event.id, err: error },
            'event handler failed; sent to the dead-letter topic',
          );
          return 'dead-lettered';
        }
        if (attempt + 1 >= maxAttempts || this.stopping.signal.aborted) {
          // Not committed: Kafka redelivers it after the consumer restarts.
          this.options.logger.warn(
            { ...where, eventId: event.id, err: error, attempts: attempt + 1 },
            'giving the event back to Kafka',
          );
          throw error;
        }
        const delay = backoffDelay(attempt, this.options.backoff);
        this.options.logger.warn(
          { ...where, eventId: event.id, err: error, attempt: attempt + 1, delayMs: delay },
          'transient error, retrying',
        );
        await sleep(delay, this.stopping.signal);
      }
    }
  }

  private async apply(
    event: RideshareEvent,
    where: Omit<EventContext, 'client'>,
  ): Promise<MessageOutcome> {
    const handler = this.options.handlers[event.type] as EventHandler<EventType> | undefined;
    return withTransaction(this.options.pool, async (client) => {
      const inserted = await client.query(
        'INSERT INTO processed_events (event_id, topic) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING',
        [event.id, where.topic],
      );
      if (inserted.rowCount === 0) return 'duplicate';
      if (handler) await handler(event as EventOf<EventType>, { client, ...where });
      return 'processed';
    });
  }

  private async deadLetter(payload: EachMessagePayload, reason: string): Promise<void> {
    const { topic, partition, message } = payload;
    await this.options.producer.send({
      topic: DEAD_LETTER_TOPIC,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...(message.headers ?? {}),
            [DLQ_HEADERS.reason]: reason,
            [DLQ_HEADERS.topic]: topic,
            [DLQ_HEADERS.partition]: String(partition),
            [DLQ_HEADERS.offset]: message.offset,
            [DLQ_HEADERS.consumerGroup]: this.options.groupId,
          },
        },
      ],
    });
  }
}
