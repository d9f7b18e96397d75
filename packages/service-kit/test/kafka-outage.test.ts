// Kafka stopping and coming back mid-flow, with a broker of this file's own (native-infra).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKafka, type RunningKafka } from '@rideshare/native-infra';
import { createEvent, DEAD_LETTER_TOPIC, TOPICS } from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKafka,
  createPool,
  createProducer,
  ensureTopics,
  enqueueEvent,
  EventConsumer,
  OutboxRelay,
  runMigrations,
  withTransaction,
  type Pool,
  type Producer,
} from '../src';
import { queryRows, waitFor } from '../src/testing';
import { capturingLogger, infraEnv, uniqueName } from './support';

const { databaseUrl } = infraEnv();
const schema = uniqueName('sk_outage');
let kafkaServer: RunningKafka;
let pool: Pool;
let producer: Producer;
let relay: OutboxRelay;
let consumer: EventConsumer;
const relayLog = capturingLogger('info');
const applied: string[] = [];

beforeAll(async () => {
  kafkaServer = await startKafka();
  await runMigrations({
    databaseUrl,
    schema,
    dir: mkdtempSync(path.join(os.tmpdir(), 'sk-empty-')),
  });
  pool = createPool(databaseUrl, { schema });
  const kafka = createKafka({
    brokers: [kafkaServer.brokers],
    clientId: 'service-kit-outage-test',
  });
  await ensureTopics(kafka, [TOPICS.rideUnassigned, DEAD_LETTER_TOPIC]);
  producer = createProducer(kafka);
  await producer.connect();
  relay = new OutboxRelay({
    pool,
    producer,
    logger: relayLog.logger,
    pollIntervalMs: 50,
    backoff: { initialMs: 100, maxMs: 1_000 },
  });
  relay.start();
  consumer = new EventConsumer({
    kafka,
    groupId: 'outage-test',
    pool,
    producer,
    logger: capturingLogger('warn').logger,
    handlers: {
      'ride.unassigned': async (event) => {
        applied.push(event.data.rideId);
      },
    },
  });
  await consumer.start();
}, 180_000);

afterAll(async () => {
  await relay?.stop();
  await consumer?.stop();
  await producer?.disconnect().catch(() => {});
  await pool?.end();
  await kafkaServer?.destroy();
  await queryRows(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}, 120_000);

async function enqueue(rideId: string): Promise<void> {
  const event = createEvent('ride.unassigned', { rideId, reason: 'test' });
  await withTransaction(pool, (client) =>
    enqueueEvent(client, { topic: TOPICS.rideUnassigned, key: rideId, event }),
  );
  relay.wake();
}

async function unpublished(rideId: string): Promise<boolean> {
  const { rows } = await pool.query('SELECT published_at FROM outbox WHERE key = $1', [rideId]);
  return rows[0]?.published_at === null;
}

describe('a Kafka outage', () => {
  it('delays delivery but loses nothing: rows wait, then relay and consumer resume', async () => {
    const before = randomUUID();
    await enqueue(before);
    await waitFor(() => applied.includes(before), { description: 'delivery before the outage' });

    await kafkaServer.stop();
    const during = [randomUUID(), randomUUID()];
    for (const rideId of during) await enqueue(rideId);
    await waitFor(() => relay.inOutage, {
      timeoutMs: 90_000,
      description: 'the relay to notice the outage',
    });
    for (const rideId of during) expect(await unpublished(rideId)).toBe(true);

    await kafkaServer.start();
    await waitFor(() => during.every((rideId) => applied.includes(rideId)), {
      timeoutMs: 120_000,
      intervalMs: 250,
      description: 'delivery after Kafka came back',
    });
    for (const rideId of during) expect(await unpublished(rideId)).toBe(false);
    const warnings = relayLog
      .lines()
      .filter((line) => line.msg === 'outbox relay cannot publish; retrying with backoff');
    expect(warnings).toHaveLength(1);
    expect(relayLog.lines().some((line) => line.msg === 'outbox relay recovered')).toBe(true);
  }, 300_000);
});
