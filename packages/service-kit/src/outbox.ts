import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { RideshareEvent } from '@rideshare/contracts';
import type { Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { withTransaction } from './database';
import { markEventQueued, registerRelay } from './context-rules';
import { withoutTracing } from './trace-context';
import { backoffDelay, sleep, type BackoffOptions } from './transient-errors';

export interface OutboxMessage {
  topic: string;
  /** Kafka message key (partitioning); usually the ride id. */
  key: string | null;
  event: RideshareEvent;
}

/** A stored outbox row as the relay reads it. */
export interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  payload: unknown;
  headers: Record<string, string>;
}

/** The W3C trace context (`traceparent`, `tracestate`, baggage) of the active span, as a plain object. */
export function currentTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * Stores an event in the outbox with the CURRENT trace context, on the caller's transaction client
 * (from `withTransaction`): it is published if and only if the caller's transaction commits, right
 * after the commit (`withTransaction` wakes the pool's relay).
 */
export async function enqueueEvent(client: PoolClient, message: OutboxMessage): Promise<void> {
  await client.query('INSERT INTO outbox (topic, key, payload, headers) VALUES ($1, $2, $3, $4)', [
    message.topic,
    message.key,
    JSON.stringify(message.event),
    JSON.stringify({ ...currentTraceHeaders(), 'event-type': message.event.type }),
  ]);
  markEventQueued(client);
}

export interface OutboxRelayOptions {
  /** Pool whose `search_path` is the service schema (holds `outbox`). */
  pool: Pool;
  /** Connected idempotent producer. */
  producer: Producer;
  logger: Logger;
  /** Rows per round (default 50). */
  batchSize?: number;
  /**
   * Wait between rounds when the outbox was empty (default 1 s). A commit that stored events wakes
   * the relay at once, so the poll only finds rows committed elsewhere (another instance) or left
   * by a failed round.
   */
  pollIntervalMs?: number;
  /** Backoff while Kafka or Postgres is unavailable (default 200 ms doubling to 10 s). */
  backoff?: BackoffOptions;
  /** Published rows older than this are deleted, at most once a minute (default 1 hour). */
  retentionMs?: number;
}

const PURGE_INTERVAL_MS = 60_000;
const tracer = trace.getTracer('@rideshare/service-kit');

/**
 * Runs `fn` in an `outbox publish` root span: a local root, so the relay's CPU shows in span
 * profiles. The database work inside stays untraced (as the polling is); each row's Kafka send
 * still continues the row's own trace.
 */
async function inPublishSpan<T>(fn: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer.startSpan('outbox publish', { root: true }, ROOT_CONTEXT);
  try {
    return await context.with(suppressTracing(trace.setSpan(ROOT_CONTEXT, span)), () => fn(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** Links a publish span to the trace of every row it publishes. */
function linkRows(span: Span, rows: OutboxRow[]): void {
  span.setAttribute('messaging.batch.message_count', rows.length);
  span.addLinks(
    rows.flatMap((row) => {
      const spanContext = trace.getSpanContext(
        propagation.extract(ROOT_CONTEXT, row.headers ?? {}),
      );
      return spanContext ? [{ context: spanContext }] : [];
    }),
  );
}

/**
 * Publishes outbox rows to Kafka in order. Each row is sent inside the trace context stored with it,
 * so the kafkajs producer span and the message headers continue the request's trace. Rows stay in the
 * table until Kafka accepted them; while Kafka is down the relay retries with backoff and logs one
 * warning per outage.
 */
export class OutboxRelay {
  private readonly options: Required<Omit<OutboxRelayOptions, 'backoff'>> & {
    backoff: BackoffOptions;
  };
  private loop: Promise<void> | undefined;
  private stopController = new AbortController();
  private wakeController = new AbortController();
  private failures = 0;
  private lastPurge = 0;
  /** Set by wake(): the next round has rows to publish, and is traced from its start. */
  private woken = false;

  constructor(options: OutboxRelayOptions) {
    this.options = {
      batchSize: 50,
      pollIntervalMs: 1_000,
      backoff: { initialMs: 200, maxMs: 10_000 },
      retentionMs: 3_600_000,
      ...options,
    };
    registerRelay(options.pool, this);
  }

  start(): void {
    if (this.loop) return;
    this.stopController = new AbortController();
    this.loop = this.run();
  }

  /** Skips the current wait (`withTransaction` calls it after committing events). */
  wake(): void {
    this.woken = true;
    this.wakeController.abort();
  }

  /** Finishes the round in progress (its rows are published or left for next time) and stops. */
  async stop(): Promise<void> {
    this.stopController.abort();
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** True while the last round failed (Kafka or Postgres unreachable). */
  get inOutage(): boolean {
    return this.failures > 0;
  }

  /**
   * One round: publish up to `batchSize` pending rows. Returns how many were published; throws on
   * failure. A round is an `outbox publish` span linked to the trace of every row it publishes:
   * from its start when a commit woke the relay, from the moment it found rows when it polled
   * (polling an empty outbox is not traced).
   */
  async publishPending(): Promise<number> {
    const woken = this.woken;
    this.woken = false;
    if (woken) return inPublishSpan((span) => this.publishRound(span));
    return withoutTracing(() => this.publishRound(undefined));
  }

  private publishRound(span: Span | undefined): Promise<number> {
    return withTransaction(this.options.pool, async (client) => {
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, topic, key, payload, headers FROM outbox
         WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const publishIn = async (roundSpan: Span) => {
        linkRows(roundSpan, rows);
        return this.publishRows(client, rows);
      };
      return span ? publishIn(span) : inPublishSpan(publishIn);
    });
  }

  private async publishRows(client: PoolClient, rows: OutboxRow[]): Promise<number> {
    const published: string[] = [];
    try {
      for (const row of rows) {
        await this.publish(row);
        published.push(row.id);
      }
    } finally {
      // Rows Kafka already accepted are marked even if a later one failed.
      if (published.length > 0) {
        await client.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])', [
          published,
        ]);
      }
    }
    return published.length;
  }

  private async publish(row: OutboxRow): Promise<void> {
    const headers = row.headers ?? {};
    const traceContext = propagation.extract(ROOT_CONTEXT, headers);
    await context.with(traceContext, () =>
      this.options.producer.send({
        topic: row.topic,
        messages: [{ key: row.key, value: JSON.stringify(row.payload), headers: { ...headers } }],
      }),
    );
  }

  /** Deletes rows published more than `retentionMs` ago; returns how many. */
  async purgePublished(): Promise<number> {
    const result = await withoutTracing(() =>
      this.options.pool.query(
        `DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1::double precision)`,
        [this.options.retentionMs / 1000],
      ),
    );
    return result.rowCount ?? 0;
  }

  private async purgeIfDue(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = Date.now();
    await this.purgePublished();
  }

  private async run(): Promise<void> {
    const stop = this.stopController.signal;
    while (!stop.aborted) {
      let delay = this.options.pollIntervalMs;
      try {
        const count = await this.publishPending();
        await this.purgeIfDue();
        if (this.failures > 0)
          this.options.logger.info({ failedRounds: this.failures }, 'outbox relay recovered');
        this.failures = 0;
        if (count === this.options.batchSize) delay = 0;
      } catch (error) {
        if (this.failures === 0)
          this.options.logger.warn(
            { err: error },
            'outbox relay cannot publish; retrying with backoff',
          );
        delay = backoffDelay(this.failures, this.options.backoff);
        this.failures++;
      }
      if (delay === 0 || stop.aborted) continue;
      if (this.failures > 0) {
        // During an outage only the backoff (or stop) ends the wait, not wake().
        await sleep(delay, stop);
        continue;
      }
      if (!this.wakeController.signal.aborted)
        await sleep(delay, AbortSignal.any([stop, this.wakeController.signal]));
      this.wakeController = new AbortController();
    }
  }
}
