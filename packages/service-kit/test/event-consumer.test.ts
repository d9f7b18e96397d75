import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createEvent,
  DEAD_LETTER_TOPIC,
  TOPICS,
  type DriverAssignedEvent,
} from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createKafka,
  createPool,
  createProducer,
  DLQ_HEADERS,
  ensureTopics,
  EventConsumer,
  runMigrations,
  type Pool,
  type Producer,
} from '../src';
import { consumeUntil, produceMessages, queryRows, waitFor } from '../src/testing';
import { capturingLogger, infraEnv, uniqueName } from './support';

const { databaseUrl, brokers } = infraEnv();
const schema = uniqueName('sk_consumer');
const kafka = createKafka({ brokers, clientId: 'service-kit-consumer-test' });
let pool: Pool;
let producer: Producer;
let consumer: EventConsumer;
/** Calls of the handler, by ride id; failuresLeft makes the next calls throw a transient error. */
const seen: Array<{ rideId: string; eventId: string }> = [];
let transientFailuresLeft = 0;
const { logger, lines } = capturingLogger('debug');

function driverAssigned(rideId: string): DriverAssignedEvent {
  return createEvent('driver.assigned', {
    rideId,
    driverId: 'driver-1',
    region: 'us-east',
    vehicle: 'car',
    etaSeconds: 60,
  });
}

beforeAll(async () => {
  await runMigrations({
    databaseUrl,
    schema,
    dir: mkdtempSync(path.join(os.tmpdir(), 'sk-empty-')),
  });
  pool = createPool(databaseUrl, { schema });
  await pool.query(
    'CREATE TABLE assignments (ride_id uuid PRIMARY KEY, driver_id text NOT NULL, count int NOT NULL DEFAULT 1)',
  );
  await ensureTopics(kafka, [TOPICS.driverAssigned, DEAD_LETTER_TOPIC]);
  producer = createProducer(kafka);
  await producer.connect();
  consumer = new EventConsumer({
    kafka,
    groupId: uniqueName('sk-consumer-test'),
    pool,
    producer,
    logger,
    backoff: { initialMs: 10, maxMs: 50 },
    handlers: {
      'driver.assigned': async (event, { client }) => {
        if (transientFailuresLeft > 0) {
          transientFailuresLeft--;
          throw Object.assign(new Error('connection reset by peer'), { code: 'ECONNRESET' });
        }
        seen.push({ rideId: event.data.rideId, eventId: event.id });
        await client.query(
          `INSERT INTO assignments (ride_id, driver_id) VALUES ($1, $2)
           ON CONFLICT (ride_id) DO UPDATE SET count = assignments.count + 1`,
          [event.data.rideId, event.data.driverId],
        );
        if (event.data.driverId === 'explode') throw new Error('driver explode is not allowed');
      },
    },
  });
  // Only messages produced from now on matter to this file; older ones are handled and ignored.
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await pool?.end();
  await queryRows(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

async function assignmentCount(rideId: string): Promise<number | undefined> {
  const { rows } = await pool.query<{ count: number }>(
    'SELECT count FROM assignments WHERE ride_id = $1',
    [rideId],
  );
  return rows[0]?.count;
}

describe('EventConsumer', () => {
  it('applies an event once and skips its redelivery', async () => {
    const rideId = randomUUID();
    const event = driverAssigned(rideId);
    await produceMessages(brokers, TOPICS.driverAssigned, [{ key: rideId, value: event }]);
    await waitFor(() => assignmentCount(rideId), { description: 'the assignment' });

    // The same event again (e.g. redelivered after a crash before the commit).
    const marker = randomUUID();
    await produceMessages(brokers, TOPICS.driverAssigned, [
      { key: rideId, value: event },
      { key: marker, value: driverAssigned(marker) },
    ]);
    await waitFor(() => assignmentCount(marker), { description: 'the marker after the duplicate' });
    expect(await assignmentCount(rideId)).toBe(1);
    expect(seen.filter((call) => call.rideId === rideId)).toHaveLength(1);
    const processed = await pool.query('SELECT topic FROM processed_events WHERE event_id = $1', [
      event.id,
    ]);
    expect(processed.rows).toEqual([{ topic: TOPICS.driverAssigned }]);
  });

  it('dead-letters a malformed message with the reason and goes on with the next one', async () => {
    const rideId = randomUUID();
    const badValue = JSON.stringify({
      ...driverAssigned(rideId),
      data: { rideId, driverId: 'd', region: 'mars', vehicle: 'car', etaSeconds: 1 },
    });
    const nextRide = randomUUID();
    // Same key -> same partition, so the good message is behind the bad one.
    await produceMessages(brokers, TOPICS.driverAssigned, [
      {
        key: 'poison',
        value: badValue,
        headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      },
      { key: 'poison', value: '{"not": json' },
      { key: 'poison', value: driverAssigned(nextRide) },
    ]);
    await waitFor(() => assignmentCount(nextRide), {
      description: 'the good message after the bad ones',
    });

    const letter = await consumeUntil({
      brokers,
      topic: DEAD_LETTER_TOPIC,
      predicate: (message) => message.value === badValue,
    });
    expect(letter.headers[DLQ_HEADERS.reason]).toMatch(
      /^invalid driver\.assigned event: data\.region: /,
    );
    expect(letter.headers[DLQ_HEADERS.topic]).toBe(TOPICS.driverAssigned);
    expect(Number(letter.headers[DLQ_HEADERS.partition])).toBeGreaterThanOrEqual(0);
    expect(letter.headers[DLQ_HEADERS.offset]).toMatch(/^\d+$/);
    expect(letter.headers.traceparent).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    );
    expect(await assignmentCount(rideId)).toBeUndefined();

    const notJson = await consumeUntil({
      brokers,
      topic: DEAD_LETTER_TOPIC,
      predicate: (message) => message.value === '{"not": json',
    });
    expect(notJson.headers[DLQ_HEADERS.reason]).toMatch(/^invalid JSON: /);
  });

  it('retries a transient handler error and applies the event exactly once', async () => {
    const rideId = randomUUID();
    transientFailuresLeft = 2;
    await produceMessages(brokers, TOPICS.driverAssigned, [
      { key: rideId, value: driverAssigned(rideId) },
    ]);
    await waitFor(() => assignmentCount(rideId), { description: 'the retried assignment' });
    expect(transientFailuresLeft).toBe(0);
    expect(await assignmentCount(rideId)).toBe(1);
    expect(
      lines().filter((line) => line.msg === 'transient error, retrying').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('rolls back and dead-letters an event whose handler fails for good', async () => {
    const rideId = randomUUID();
    const event = createEvent('driver.assigned', {
      rideId,
      driverId: 'explode',
      region: 'us-east',
      vehicle: 'car',
      etaSeconds: 1,
    });
    await produceMessages(brokers, TOPICS.driverAssigned, [{ key: rideId, value: event }]);
    const letter = await consumeUntil({
      brokers,
      topic: DEAD_LETTER_TOPIC,
      predicate: (message) => (message.json as DriverAssignedEvent | undefined)?.id === event.id,
    });
    expect(letter.headers[DLQ_HEADERS.reason]).toBe(
      'handler failed: driver explode is not allowed',
    );
    // The handler's write and the processed_events row were rolled back together.
    expect(await assignmentCount(rideId)).toBeUndefined();
    const processed = await pool.query('SELECT 1 FROM processed_events WHERE event_id = $1', [
      event.id,
    ]);
    expect(processed.rowCount).toBe(0);
  });
});
