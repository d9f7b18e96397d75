import { Driver, REGION_CENTERS, TOPICS, type Region, type Vehicle } from '@rideshare/contracts';
import { DLQ_HEADERS, withTransaction } from '@rideshare/service-kit';
import {
  consumeUntil,
  produceMessages,
  queryRows,
  startTestService,
  type TestService,
  waitFor,
} from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MatchingService, type MatchOutcome } from '../src/matching/matching.service';
import { requestJson } from './support/http';
import { rideCompleted, rideRequested } from './support/ride-events';
import type { DriverConfig } from '../src/config';
import { service } from '../src/service';

let drivers: TestService<DriverConfig>;

// No seeded fleet: each test creates exactly the drivers it reasons about.
beforeAll(async () => {
  drivers = await startTestService(service, { DRIVERS_PER_REGION_VEHICLE: '0' });
});
afterAll(() => drivers?.stop());

const rows = <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  queryRows<T>(drivers.database.url, sql, params);

async function createDrivers(count: number, region: Region, vehicle: Vehicle): Promise<Driver[]> {
  const created: Driver[] = [];
  for (let i = 0; i < count; i++) {
    const center = REGION_CENTERS[region];
    const response = await requestJson(drivers.service.url, 'POST', '/drivers', {
      name: `${vehicle} ${i}`,
      vehicle,
      region,
      location: { lat: center.lat + 0.003 * (i + 1), lon: center.lon - 0.002 * i },
    });
    expect(response.status).toBe(201);
    created.push(Driver.parse(response.body));
  }
  return created;
}

const isProcessed = async (eventId: string) =>
  (await rows('SELECT 1 FROM drivers.processed_events WHERE event_id = $1', [eventId])).length ===
  1;

describe('reservations', () => {
  it('books 10 drivers for 50 concurrent rides, never one driver twice', async () => {
    const fleet = await createDrivers(10, 'eu-north', 'bike');
    const matching = drivers.service.app.get(MatchingService);
    const rides = Array.from({ length: 50 }, () => rideRequested('eu-north', 'bike').data);

    // Each ride in its own transaction, as the consumer does, all at once (the pool runs 10 in parallel).
    const outcomes: MatchOutcome[] = await Promise.all(
      rides.map((ride) =>
        withTransaction(drivers.service.runtime.pool, (client) => matching.matchRide(client, ride)),
      ),
    );

    const assigned = outcomes.filter((outcome) => outcome.kind === 'assigned');
    expect(assigned).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome.kind === 'unassigned')).toHaveLength(40);
    expect(new Set(assigned.map((outcome) => outcome.driverId))).toEqual(
      new Set(fleet.map((driver) => driver.id)),
    );

    const onRide = await rows<{ id: string; ride_id: string }>(
      "SELECT id, ride_id FROM drivers.drivers WHERE region = 'eu-north' AND vehicle = 'bike' AND status = 'ON_RIDE'",
    );
    expect(onRide).toHaveLength(10);
    expect(new Set(onRide.map((driver) => driver.ride_id)).size).toBe(10);
    const doubleBooked = await rows(
      'SELECT driver_id FROM drivers.assignments WHERE released_at IS NULL GROUP BY driver_id HAVING count(*) > 1',
    );
    expect(doubleBooked).toEqual([]);
    const active = await rows<{ ride_id: string; driver_id: string }>(
      'SELECT ride_id, driver_id FROM drivers.assignments WHERE released_at IS NULL',
    );
    expect(new Map(active.map((a) => [a.driver_id, a.ride_id]))).toEqual(
      new Map(onRide.map((d) => [d.id, d.ride_id])),
    );
  });

  it('refuses in the schema itself a second active ride for a driver', async () => {
    const [driver] = await createDrivers(1, 'ap-south', 'car');
    const matching = drivers.service.app.get(MatchingService);
    const ride = rideRequested('ap-south', 'car').data;
    await withTransaction(drivers.service.runtime.pool, (client) =>
      matching.matchRide(client, ride),
    );

    const other = rideRequested('ap-south', 'car').data;
    await expect(
      withTransaction(drivers.service.runtime.pool, (client) =>
        client.query(
          'INSERT INTO assignments (ride_id, driver_id, eta_seconds, dropoff_lat, dropoff_lon) VALUES ($1, $2, 60, 0, 0)',
          [other.rideId, driver!.id],
        ),
      ),
    ).rejects.toMatchObject({
      code: '23505',
      constraint: 'assignments_one_active_ride_per_driver',
    });
    await expect(
      withTransaction(drivers.service.runtime.pool, (client) =>
        client.query("UPDATE drivers SET status = 'AVAILABLE' WHERE id = $1", [driver!.id]),
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'drivers_status_matches_ride' });
  });
});

describe('ride events', () => {
  it('assigns the nearest driver once although ride.requested is delivered twice, and frees it once on ride.completed', async () => {
    const [near, far] = await createDrivers(2, 'us-east', 'scooter');
    const requested = rideRequested('us-east', 'scooter', { lat: 40.75, lon: -73.99 });
    const sentinel = rideRequested('us-east', 'scooter');
    const key = requested.data.rideId;
    await produceMessages(drivers.kafkaBrokers, TOPICS.rideRequested, [
      { key, value: requested },
      { key, value: requested },
      { key, value: sentinel },
    ]);
    await waitFor(() => isProcessed(sentinel.id), {
      description: 'the sentinel ride.requested is processed',
    });

    const assignments = await rows<{ driver_id: string }>(
      'SELECT driver_id FROM drivers.assignments WHERE ride_id = $1',
      [requested.data.rideId],
    );
    expect(assignments).toEqual([{ driver_id: near!.id }]);
    const outbox = await rows<{ topic: string; payload: { data: { driverId: string } } }>(
      "SELECT topic, payload FROM drivers.outbox WHERE payload->'data'->>'rideId' = $1",
      [requested.data.rideId],
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      topic: TOPICS.driverAssigned,
      payload: { data: { driverId: near!.id } },
    });
    // The sentinel got the other scooter.
    expect(
      (await requestJson(drivers.service.url, 'GET', `/drivers/${far!.id}`)).body?.rideId,
    ).toBe(sentinel.data.rideId);

    const published = await consumeUntil({
      brokers: drivers.kafkaBrokers,
      topic: TOPICS.driverAssigned,
      predicate: (message) =>
        (message.json as { data?: { rideId?: string } })?.data?.rideId === requested.data.rideId,
    });
    expect(published.json).toMatchObject({
      type: 'driver.assigned',
      data: { driverId: near!.id, region: 'us-east', vehicle: 'scooter' },
    });

    const completed = rideCompleted(requested, near!.id);
    await produceMessages(drivers.kafkaBrokers, TOPICS.rideCompleted, [
      { key, value: completed },
      { key, value: completed },
    ]);
    await waitFor(() => isProcessed(completed.id));
    const freed = (await requestJson(drivers.service.url, 'GET', `/drivers/${near!.id}`))
      .body as Driver;
    expect(freed).toMatchObject({
      status: 'AVAILABLE',
      rideId: null,
      location: requested.data.dropoff,
    });
    expect(
      await rows(
        'SELECT 1 FROM drivers.assignments WHERE ride_id = $1 AND released_at IS NOT NULL',
        [requested.data.rideId],
      ),
    ).toHaveLength(1);
  });

  it('emits ride.unassigned with a reason when no driver is available', async () => {
    const requested = rideRequested('ap-south', 'bike');
    await produceMessages(drivers.kafkaBrokers, TOPICS.rideRequested, [
      { key: requested.data.rideId, value: requested },
    ]);
    const message = await consumeUntil({
      brokers: drivers.kafkaBrokers,
      topic: TOPICS.rideUnassigned,
      predicate: (m) =>
        (m.json as { data?: { rideId?: string } })?.data?.rideId === requested.data.rideId,
    });
    expect(message.json).toMatchObject({
      type: 'ride.unassigned',
      data: { reason: 'no available bike driver in ap-south' },
    });
  });

  it('sends a malformed message to the dead-letter topic and processes the next one', async () => {
    await createDrivers(1, 'eu-north', 'car');
    const malformed = {
      id: 'not-a-uuid',
      type: 'ride.requested',
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { rideId: 'x' },
    };
    const next = rideRequested('eu-north', 'car');
    await produceMessages(drivers.kafkaBrokers, TOPICS.rideRequested, [
      { key: next.data.rideId, value: malformed },
      { key: next.data.rideId, value: next },
    ]);
    const deadLetter = await consumeUntil({
      brokers: drivers.kafkaBrokers,
      topic: 'rideshare.dlq',
      predicate: (m) =>
        m.key === next.data.rideId &&
        m.headers[DLQ_HEADERS.consumerGroup] === drivers.config.KAFKA_GROUP_ID,
    });
    expect(deadLetter.headers[DLQ_HEADERS.reason]).toMatch(/id/);
    await waitFor(() => isProcessed(next.id), {
      description: 'the good message after the malformed one',
    });
    expect(
      await rows('SELECT 1 FROM drivers.assignments WHERE ride_id = $1', [next.data.rideId]),
    ).toHaveLength(1);
  });
});
