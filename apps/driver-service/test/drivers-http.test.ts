import { randomUUID } from 'node:crypto';
import { Driver } from '@rideshare/contracts';
import {
  queryRows,
  startTestService,
  type TestService,
  waitFor,
  waitForConsumerGroup,
} from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriversRepository } from '../src/drivers/drivers.repository';
import { generateSeedDrivers } from '../src/seeding/seed-drivers';
import { requestJson } from './support/http';
import type { DriverConfig } from '../src/config';
import { service } from '../src/service';

let drivers: TestService<DriverConfig>;
const call = (method: string, path: string, body?: unknown) =>
  requestJson(drivers.service.url, method, path, body);

beforeAll(async () => {
  drivers = await startTestService(service, { DRIVERS_PER_REGION_VEHICLE: '2' });
});
afterAll(() => drivers?.stop());

/**
 * Every row of every table in the drivers schema, once the background writers are idle: the
 * fresh consumer group may still be applying events produced by earlier test files, and the
 * outbox relay publishing what that produced.
 */
async function snapshotTables(): Promise<unknown> {
  await waitForConsumerGroup({
    brokers: drivers.kafkaBrokers,
    groupId: drivers.config.KAFKA_GROUP_ID,
    topics: ['ride.requested', 'ride.completed'],
  });
  await waitFor(
    async () =>
      (
        await queryRows(
          drivers.database.url,
          'SELECT 1 FROM drivers.outbox WHERE published_at IS NULL',
        )
      ).length === 0,
    {
      description: 'the outbox is published',
    },
  );
  const snapshot: Record<string, unknown> = {};
  for (const table of ['drivers', 'assignments', 'processed_events', 'outbox']) {
    snapshot[table] = await queryRows(
      drivers.database.url,
      `SELECT * FROM drivers.${table} ORDER BY 1`,
    );
  }
  return snapshot;
}

describe('seeding', () => {
  it('seeds the configured drivers per region and vehicle at start-up, and never twice', async () => {
    const seeded = () =>
      queryRows<{ region: string; vehicle: string; count: number }>(
        drivers.database.url,
        'SELECT region, vehicle, count(*)::int AS count FROM drivers.drivers WHERE seed_key IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2',
      );
    const first = await seeded();
    expect(first).toHaveLength(9);
    expect(first.every((group) => group.count === 2)).toBe(true);

    const repository = drivers.service.app.get(DriversRepository);
    expect(await repository.insertSeedDrivers(generateSeedDrivers(2))).toBe(0);
    // A larger count later adds only the missing ones.
    expect(await repository.insertSeedDrivers(generateSeedDrivers(3))).toBe(9);
    expect((await seeded()).every((group) => group.count === 3)).toBe(true);
  });
});

describe('drivers HTTP API', () => {
  const newDriver = {
    name: 'Ada',
    vehicle: 'scooter',
    region: 'eu-north',
    location: { lat: 59.33, lon: 18.07 },
  };

  it('creates, reads and moves a driver', async () => {
    const created = await call('POST', '/drivers', newDriver);
    expect(created.status).toBe(201);
    const driver = Driver.parse(created.body);
    expect(driver).toMatchObject({ ...newDriver, status: 'AVAILABLE', rideId: null });

    const fetched = await call('GET', `/drivers/${driver.id}`);
    expect(fetched).toEqual({ status: 200, body: created.body });

    const moved = await call('PUT', `/drivers/${driver.id}/location`, { lat: 59.34, lon: 18.08 });
    expect(moved.status).toBe(200);
    expect(moved.body?.location).toEqual({ lat: 59.34, lon: 18.08 });
    expect((await call('GET', `/drivers/${driver.id}`)).body?.location).toEqual({
      lat: 59.34,
      lon: 18.08,
    });
  });

  it('answers 404 for an unknown driver, on read and on move, changing nothing', async () => {
    const before = await snapshotTables();
    const id = randomUUID();
    expect(await call('GET', `/drivers/${id}`)).toMatchObject({
      status: 404,
      body: { statusCode: 404, message: `driver ${id} not found` },
    });
    expect((await call('PUT', `/drivers/${id}/location`, { lat: 1, lon: 2 })).status).toBe(404);
    expect(await snapshotTables()).toEqual(before);
  });

  it.each([
    ['POST', '/drivers', 'name', { ...newDriver, name: '' }],
    ['POST', '/drivers', 'vehicle', { ...newDriver, vehicle: 'tram' }],
    ['POST', '/drivers', 'region', { ...newDriver, region: 'moon' }],
    ['POST', '/drivers', 'location.lat', { ...newDriver, location: { lat: -91, lon: 0 } }],
    ['POST', '/drivers', 'location', { name: 'No location', vehicle: 'car', region: 'us-east' }],
    ['PUT', `/drivers/${randomUUID()}/location`, 'lon', { lat: 10, lon: 181 }],
    ['PUT', '/drivers/not-a-uuid/location', 'id', { lat: 10, lon: 10 }],
    ['GET', '/drivers/not-a-uuid', 'id', undefined],
  ])(
    '%s %s with a bad %s gets a 400 naming it and changes no table',
    async (method, path, field, body) => {
      const before = await snapshotTables();
      const response = await call(method, path, body);
      expect(response.status).toBe(400);
      expect(response.body?.statusCode).toBe(400);
      expect(response.body?.issues?.map((issue: { path: string }) => issue.path)).toContain(field);
      expect(await snapshotTables()).toEqual(before);
    },
  );

  it('rejects malformed JSON with a 400 and changes no table', async () => {
    const before = await snapshotTables();
    const response = await call('POST', '/drivers', '{"name": "x", ');
    expect(response.status).toBe(400);
    expect(await snapshotTables()).toEqual(before);
  });
});
