import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { context, propagation, trace, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  TracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { createEvent } from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKafka,
  createPool,
  createProducer,
  ensureTopics,
  enqueueEvent,
  OutboxRelay,
  runMigrations,
  withTransaction,
  type Pool,
  type Producer,
} from '../src';
import { consumeUntil, queryRows, waitFor, type ConsumedMessage } from '../src/testing';
import { capturingLogger, infraEnv, uniqueName } from './support';

const { databaseUrl, brokers } = infraEnv();
const schema = uniqueName('sk_outbox');
const topic = uniqueName('sk-outbox-test').replaceAll('_', '-');
const kafka = createKafka({ brokers, clientId: 'service-kit-outbox-test' });
let pool: Pool;
let producer: Producer;
const exportedSpans = new InMemorySpanExporter();

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(
    new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: exportedSpans })] }),
  );
  await runMigrations({
    databaseUrl,
    schema,
    dir: mkdtempSync(path.join(os.tmpdir(), 'sk-empty-')),
  });
  pool = createPool(databaseUrl, { schema });
  await ensureTopics(kafka, [topic]);
  producer = createProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await pool?.end();
  await queryRows(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  trace.disable();
  propagation.disable();
  context.disable();
});

function rideRequested(rideId: string) {
  return createEvent('ride.requested', {
    rideId,
    riderId: 'rider-1',
    vehicle: 'bike',
    region: 'eu-north',
    pickup: { lat: 59.3, lon: 18 },
    dropoff: { lat: 59.4, lon: 18.1 },
    fareCents: 700,
  });
}

/** Enqueues an event for `rideId` in a transaction inside a fresh root span; returns that span's context. */
async function enqueueInSpan(rideId: string): Promise<SpanContext> {
  return trace.getTracer('test').startActiveSpan('POST /rides', async (span) => {
    await withTransaction(pool, (client) =>
      enqueueEvent(client, { topic, key: rideId, event: rideRequested(rideId) }),
    );
    span.end();
    return span.spanContext();
  });
}

function forRide(rideId: string) {
  return (message: ConsumedMessage) =>
    (message.json as { data?: { rideId?: string } } | undefined)?.data?.rideId === rideId;
}

async function pendingRows(): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(
    'SELECT count(*) FROM outbox WHERE published_at IS NULL',
  );
  return Number(rows[0]?.count);
}

describe('enqueueEvent', () => {
  it('stores the event and the current trace context, only when the transaction commits', async () => {
    const rideId = randomUUID();
    const spanContext = await enqueueInSpan(rideId);
    const { rows } = await pool.query(
      'SELECT topic, key, payload, headers, published_at FROM outbox WHERE key = $1',
      [rideId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      topic,
      key: rideId,
      payload: { type: 'ride.requested', data: { rideId } },
      headers: {
        traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-01`,
        'event-type': 'ride.requested',
      },
      published_at: null,
    });

    const rolledBack = randomUUID();
    await expect(
      withTransaction(pool, async (client) => {
        await enqueueEvent(client, { topic, key: rolledBack, event: rideRequested(rolledBack) });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect((await pool.query('SELECT 1 FROM outbox WHERE key = $1', [rolledBack])).rowCount).toBe(
      0,
    );
  });
});

describe('OutboxRelay', () => {
  it('publishes each row inside its stored trace context and marks it published', async () => {
    const rideId = randomUUID();
    const spanContext = await enqueueInSpan(rideId);
    // Observe the active span while the real producer sends.
    const activeDuringSend: Array<string | undefined> = [];
    const observed: Producer = Object.create(producer) as Producer;
    observed.send = (record) => {
      activeDuringSend.push(trace.getSpanContext(context.active())?.traceId);
      return producer.send(record);
    };
    const relay = new OutboxRelay({
      pool,
      producer: observed,
      logger: capturingLogger().logger,
      pollIntervalMs: 20,
    });
    relay.start();
    try {
      const message = await consumeUntil({ brokers, topic, predicate: forRide(rideId) });
      expect(message.key).toBe(rideId);
      expect(message.headers.traceparent).toBe(
        `00-${spanContext.traceId}-${spanContext.spanId}-01`,
      );
      expect(message.headers['event-type']).toBe('ride.requested');
      expect(message.json).toMatchObject({ type: 'ride.requested', version: 1, data: { rideId } });
      expect(activeDuringSend).toContain(spanContext.traceId);
      await waitFor(async () => (await pendingRows()) === 0, {
        description: 'rows marked published',
      });
    } finally {
      await relay.stop();
    }
  });

  it('publishes as soon as a transaction that stored events commits, not at the next poll', async () => {
    const relay = new OutboxRelay({
      pool,
      producer,
      logger: capturingLogger().logger,
      pollIntervalMs: 10 * 60_000,
    });
    while ((await relay.publishPending()) > 0);
    relay.start();
    try {
      // The first round found nothing; the relay now waits ten minutes unless woken.
      const rideId = randomUUID();
      const spanContext = await enqueueInSpan(rideId);
      const message = await consumeUntil({ brokers, topic, predicate: forRide(rideId) });
      expect(message.key).toBe(rideId);

      // That round is one `outbox publish` span, a root linked to the row's trace.
      await waitFor(
        () =>
          exportedSpans
            .getFinishedSpans()
            .some((span) => span.links.some((link) => link.context.spanId === spanContext.spanId)),
        { description: 'the outbox publish span' },
      );
      const round = exportedSpans
        .getFinishedSpans()
        .find((span) => span.links.some((link) => link.context.spanId === spanContext.spanId));
      expect(round?.name).toBe('outbox publish');
      expect(round?.parentSpanContext).toBeUndefined();
      expect(round?.attributes['messaging.batch.message_count']).toBeGreaterThanOrEqual(1);
    } finally {
      await relay.stop();
    }
  });

  it('two relays publish every row exactly once', async () => {
    const rideIds = Array.from({ length: 40 }, () => randomUUID());
    await withTransaction(pool, async (client) => {
      for (const rideId of rideIds)
        await enqueueEvent(client, { topic, key: rideId, event: rideRequested(rideId) });
    });
    const sent: string[] = [];
    const counting: Producer = Object.create(producer) as Producer;
    counting.send = async (record) => {
      for (const message of record.messages) sent.push(String(message.key));
      return producer.send(record);
    };
    const relays = [1, 2].map(
      () =>
        new OutboxRelay({
          pool,
          producer: counting,
          logger: capturingLogger().logger,
          batchSize: 7,
          pollIntervalMs: 10,
        }),
    );
    relays.forEach((relay) => relay.start());
    try {
      await waitFor(async () => (await pendingRows()) === 0, { description: 'all rows published' });
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
    const ours = sent.filter((key) => (rideIds as string[]).includes(key));
    expect(ours.sort()).toEqual([...rideIds].sort());
  });

  it('keeps rows while Kafka is unreachable, warns once per outage, and stops cleanly', async () => {
    const deadKafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'service-kit-dead' });
    // Never connected: every send fails like it does while the broker is down.
    const deadProducer = createProducer(deadKafka);
    const { logger, lines } = capturingLogger('info');
    const rideId = randomUUID();
    await enqueueInSpan(rideId);
    const relay = new OutboxRelay({
      pool,
      producer: deadProducer,
      logger,
      pollIntervalMs: 10,
      backoff: { initialMs: 10, maxMs: 40 },
    });
    relay.start();
    await waitFor(() => relay.inOutage, { description: 'the relay to notice the outage' });
    // Several failed rounds...
    await new Promise((resolve) => setTimeout(resolve, 300));
    await relay.stop();
    const warnings = lines().filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toBe('outbox relay cannot publish; retrying with backoff');
    const { rows } = await pool.query('SELECT published_at FROM outbox WHERE key = $1', [rideId]);
    expect(rows).toEqual([{ published_at: null }]);

    // Kafka "back": a relay with the working producer delivers the kept row.
    const recovered = new OutboxRelay({ pool, producer, logger, pollIntervalMs: 10 });
    recovered.start();
    try {
      const message = await consumeUntil({ brokers, topic, predicate: forRide(rideId) });
      expect(message.key).toBe(rideId);
    } finally {
      await recovered.stop();
    }
  });

  it('purges published rows past the retention and keeps unpublished ones', async () => {
    const relay = new OutboxRelay({
      pool,
      producer,
      logger: capturingLogger().logger,
      retentionMs: 0,
    });
    await relay.publishPending();
    while ((await relay.publishPending()) > 0);
    const pending = randomUUID();
    await enqueueInSpan(pending);
    expect(await relay.purgePublished()).toBeGreaterThan(0);
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM outbox');
    expect(rows.map((row) => row.key)).toEqual([pending]);
  });
});
