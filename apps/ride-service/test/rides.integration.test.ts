import { randomUUID } from 'node:crypto';
import {
  createEvent,
  DEAD_LETTER_TOPIC,
  TOPICS,
  type CreateRideCommand,
  type DriverAssignedEvent,
  type Ride,
  type RideCompletedEvent,
} from '@rideshare/contracts';
import {
  consumeUntil,
  produceMessages,
  queryRows,
  waitFor,
  waitForConsumerGroup,
} from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StartedService } from '@rideshare/service-kit';
import { service as rideService } from '../src/service';
import { startFakePricing, type FakePricing } from './fake-pricing';

const databaseUrl = process.env.DATABASE_URL as string;
const brokers = process.env.KAFKA_BROKERS as string;
const schema = `rides_test_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
let pricing: FakePricing;
let service: StartedService;

beforeAll(async () => {
  pricing = await startFakePricing();
  const config = rideService.loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    PRICING_URL: pricing.url,
    LOG_LEVEL: 'warn',
    KAFKA_GROUP_ID: `ride-service-${schema}`,
  });
  service = await rideService.start(config, { host: '127.0.0.1', handleSignals: false, schema });
  // Older messages on the shared topics (other runs' rides) are consumed first, so the row counts
  // below change only through this file's requests and events.
  await waitForConsumerGroup({
    brokers,
    groupId: config.KAFKA_GROUP_ID,
    topics: [TOPICS.driverAssigned, TOPICS.rideUnassigned],
  });
});

afterAll(async () => {
  await service?.close();
  await pricing?.close();
  await queryRows(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

beforeEach(() => {
  pricing.respond = undefined;
});

function rideRequest(overrides: Partial<CreateRideCommand> = {}): CreateRideCommand {
  return {
    riderId: `rider-${randomUUID().slice(0, 8)}`,
    vehicle: 'car',
    region: 'eu-north',
    pickup: { lat: 59.33, lon: 18.06 },
    dropoff: { lat: 61.5, lon: 18.2 },
    ...overrides,
  };
}

/** Response JSON, loosely typed: tests read rides and error bodies alike. */
interface Json {
  [key: string]: unknown;
  message?: string;
  issues?: Array<{ path: string; message: string }>;
}

async function http(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

interface TableCounts {
  rides: number;
  outbox: number;
  processed_events: number;
}

/** Row counts of every table the service writes. */
async function tableCounts(): Promise<TableCounts> {
  const [row] = await queryRows<Record<string, string>>(
    databaseUrl,
    `SELECT (SELECT count(*) FROM ${schema}.rides) AS rides,
            (SELECT count(*) FROM ${schema}.outbox) AS outbox,
            (SELECT count(*) FROM ${schema}.processed_events) AS processed_events`,
  );
  return {
    rides: Number(row?.rides),
    outbox: Number(row?.outbox),
    processed_events: Number(row?.processed_events),
  };
}

async function rideRow(id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await queryRows(databaseUrl, `SELECT * FROM ${schema}.rides WHERE id = $1`, [id]);
  return row;
}

function driverAssigned(ride: Ride, driverId = 'driver-42'): DriverAssignedEvent {
  return createEvent('driver.assigned', {
    rideId: ride.id,
    driverId,
    region: ride.region,
    vehicle: ride.vehicle,
    etaSeconds: 240,
  });
}

async function createRide(overrides: Partial<CreateRideCommand> = {}): Promise<Ride> {
  const { status, json } = await http('POST', '/rides', rideRequest(overrides));
  expect(status).toBe(201);
  return json as unknown as Ride;
}

async function waitForStatus(id: string, status: Ride['status']): Promise<Ride> {
  return waitFor(
    async () => {
      const ride = (await http('GET', `/rides/${id}`)).json as unknown as Ride;
      return ride.status === status ? ride : undefined;
    },
    { description: `ride ${id} to become ${status}` },
  );
}

describe('POST /rides', () => {
  it('prices the ride, stores it REQUESTED and publishes ride.requested through the outbox', async () => {
    const request = rideRequest();
    const { status, json } = await http('POST', '/rides', request);
    expect(status).toBe(201);
    const ride = json as unknown as Ride;
    expect(ride).toMatchObject({
      riderId: request.riderId,
      vehicle: 'car',
      region: 'eu-north',
      pickup: request.pickup,
      dropoff: request.dropoff,
      status: 'REQUESTED',
      driverId: null,
      fare: { amountCents: 1200, currency: 'USD' },
    });
    expect(pricing.requests.at(-1)?.body).toEqual({
      vehicle: 'car',
      region: 'eu-north',
      pickup: request.pickup,
      dropoff: request.dropoff,
    });

    const message = await consumeUntil({
      brokers,
      topic: TOPICS.rideRequested,
      predicate: (m) => (m.json as { data?: { rideId?: string } })?.data?.rideId === ride.id,
    });
    expect(message.key).toBe(ride.id);
    expect(message.json).toMatchObject({
      type: 'ride.requested',
      version: 1,
      data: {
        rideId: ride.id,
        riderId: request.riderId,
        vehicle: 'car',
        region: 'eu-north',
        pickup: request.pickup,
        dropoff: request.dropoff,
        fareCents: 1200,
      },
    });
    await waitFor(async () => {
      const [row] = await queryRows(
        databaseUrl,
        `SELECT published_at FROM ${schema}.outbox WHERE key = $1`,
        [ride.id],
      );
      return row?.published_at !== null;
    });
    expect((await http('GET', `/rides/${ride.id}`)).json).toEqual(ride);
  });

  it('returns the same ride for the same idempotency key, with no second row or event', async () => {
    const request = rideRequest({ idempotencyKey: `key-${randomUUID()}` });
    const before = await tableCounts();
    const first = await http('POST', '/rides', request);
    const pricedBefore = pricing.requests.length;
    const [second, third] = await Promise.all([
      http('POST', '/rides', request),
      http('POST', '/rides', request),
    ]);
    expect(first.status).toBe(201);
    expect(second).toEqual({ status: 200, json: first.json });
    expect(third).toEqual({ status: 200, json: first.json });
    expect(pricing.requests.length).toBe(pricedBefore);
    const after = await tableCounts();
    expect(after.rides - before.rides).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
  });

  it('rejects an idempotency key reused for a different request with 409', async () => {
    const idempotencyKey = `key-${randomUUID()}`;
    await http('POST', '/rides', rideRequest({ idempotencyKey }));
    const { status, json } = await http(
      'POST',
      '/rides',
      rideRequest({ idempotencyKey, vehicle: 'bike' }),
    );
    expect(status).toBe(409);
    expect(json.message).toContain(idempotencyKey);
  });

  it('rejects bad input with 400 naming the field, and writes nothing', async () => {
    const before = await tableCounts();
    const pricedBefore = pricing.requests.length;
    const cases: Array<[unknown, string]> = [
      [{ ...rideRequest(), pickup: { lat: 91, lon: 0 } }, 'pickup.lat'],
      [{ ...rideRequest(), dropoff: { lat: 0, lon: -181 } }, 'dropoff.lon'],
      [{ ...rideRequest(), vehicle: 'helicopter' }, 'vehicle'],
      [{ ...rideRequest(), region: 'moon' }, 'region'],
      [{ ...rideRequest(), riderId: '' }, 'riderId'],
      [{ ...rideRequest(), riderId: 'x'.repeat(65) }, 'riderId'],
      [{ ...rideRequest(), idempotencyKey: '' }, 'idempotencyKey'],
      [{ vehicle: 'car' }, 'riderId'],
    ];
    for (const [body, field] of cases) {
      const { status, json } = await http('POST', '/rides', body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.issues?.map((issue) => issue.path)).toContain(field);
    }
    expect((await http('POST', '/rides', '{"riderId":')).status).toBe(400);
    expect(
      (
        await http(
          'POST',
          '/rides',
          JSON.stringify({ ...rideRequest(), riderId: 'x'.repeat(80_000) }),
        )
      ).status,
    ).toBe(413);
    expect(await tableCounts()).toEqual(before);
    expect(pricing.requests.length).toBe(pricedBefore);
  });

  it('maps pricing failures to 502/503 and writes nothing', async () => {
    const before = await tableCounts();
    pricing.respond = () => ({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal server error' },
    });
    const failed = await http('POST', '/rides', rideRequest());
    expect(failed.status).toBe(502);
    expect(failed.json.message).toContain('pricing-service');
    pricing.respond = () => ({ status: 200, body: { amountCents: 'free' } });
    expect((await http('POST', '/rides', rideRequest())).status).toBe(502);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('GET /rides/:id', () => {
  it('answers 404 for an unknown ride and 400 for a malformed id', async () => {
    expect((await http('GET', `/rides/${randomUUID()}`)).status).toBe(404);
    const bad = await http('GET', '/rides/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([{ path: 'id', message: expect.any(String) }]);
  });
});

describe('driver events', () => {
  it('driver.assigned makes the ride ASSIGNED; its redelivery changes nothing', async () => {
    const ride = await createRide();
    const event = driverAssigned(ride);
    await produceMessages(brokers, TOPICS.driverAssigned, [{ key: ride.id, value: event }]);
    const assigned = await waitForStatus(ride.id, 'ASSIGNED');
    expect(assigned.driverId).toBe('driver-42');
    const rowBefore = await rideRow(ride.id);
    const countsBefore = await tableCounts();

    // Redelivery of the same event, then a marker ride's event on the same partition (same key).
    const marker = await createRide();
    await produceMessages(brokers, TOPICS.driverAssigned, [
      { key: ride.id, value: event },
      { key: ride.id, value: driverAssigned(marker, 'driver-marker') },
    ]);
    await waitForStatus(marker.id, 'ASSIGNED');
    expect(await rideRow(ride.id)).toEqual(rowBefore);
    const countsAfter = await tableCounts();
    // Only the marker's ride + outbox row + its processed event are new.
    expect(countsAfter).toEqual({
      rides: countsBefore.rides + 1,
      outbox: countsBefore.outbox + 1,
      processed_events: countsBefore.processed_events + 1,
    });
  });

  it('ride.unassigned makes a REQUESTED ride NO_DRIVER', async () => {
    const ride = await createRide();
    await produceMessages(brokers, TOPICS.rideUnassigned, [
      {
        key: ride.id,
        value: createEvent('ride.unassigned', {
          rideId: ride.id,
          reason: 'no car available in eu-north',
        }),
      },
    ]);
    const noDriver = await waitForStatus(ride.id, 'NO_DRIVER');
    expect(noDriver.driverId).toBeNull();
    expect((await rideRow(ride.id))?.unassigned_reason).toBe('no car available in eu-north');
  });

  it('sends a malformed message to the dead-letter topic and processes the next one', async () => {
    const ride = await createRide();
    const malformed = JSON.stringify({
      ...driverAssigned(ride),
      data: { rideId: ride.id, driverId: 7 },
    });
    await produceMessages(brokers, TOPICS.driverAssigned, [
      { key: ride.id, value: malformed },
      { key: ride.id, value: driverAssigned(ride, 'driver-after-poison') },
    ]);
    const assigned = await waitForStatus(ride.id, 'ASSIGNED');
    expect(assigned.driverId).toBe('driver-after-poison');
    const letter = await consumeUntil({
      brokers,
      topic: DEAD_LETTER_TOPIC,
      predicate: (m) => m.value === malformed,
    });
    expect(letter.headers['dlq-reason']).toMatch(
      /^invalid driver\.assigned event: data\.driverId: /,
    );
    expect(letter.headers['dlq-original-topic']).toBe(TOPICS.driverAssigned);
    expect(letter.headers['dlq-consumer-group']).toBe(`ride-service-${schema}`);
  });
});

describe('POST /rides/:id/complete', () => {
  it('completes an ASSIGNED ride and publishes ride.completed; completing it again changes nothing', async () => {
    const ride = await createRide({ vehicle: 'scooter', region: 'ap-south' });
    expect((await http('POST', `/rides/${ride.id}/complete`)).status).toBe(409);
    await produceMessages(brokers, TOPICS.driverAssigned, [
      { key: ride.id, value: driverAssigned(ride, 'driver-7') },
    ]);
    await waitForStatus(ride.id, 'ASSIGNED');

    const { status, json } = await http('POST', `/rides/${ride.id}/complete`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ id: ride.id, status: 'COMPLETED', driverId: 'driver-7' });
    const message = await consumeUntil({
      brokers,
      topic: TOPICS.rideCompleted,
      predicate: (m) => (m.json as RideCompletedEvent | undefined)?.data?.rideId === ride.id,
    });
    expect((message.json as RideCompletedEvent).data).toEqual({
      rideId: ride.id,
      driverId: 'driver-7',
      region: 'ap-south',
      vehicle: 'scooter',
    });

    // A repeated completion (a retry after a lost answer) is the same completion: 200, one event.
    const again = await http('POST', `/rides/${ride.id}/complete`);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(json);
    const [events] = await queryRows<{ count: string }>(
      databaseUrl,
      `SELECT count(*) FROM ${schema}.outbox WHERE topic = $1 AND key = $2`,
      [TOPICS.rideCompleted, ride.id],
    );
    expect(Number(events?.count)).toBe(1);
    expect((await http('POST', `/rides/${randomUUID()}/complete`)).status).toBe(404);
  });
});
