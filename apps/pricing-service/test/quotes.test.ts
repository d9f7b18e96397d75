import { Quote } from '@rideshare/contracts';
import {
  queryRows,
  startTestService,
  type TestService,
  waitForConsumerGroup,
} from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PricingConfig } from '../src/config';
import { service } from '../src/service';

let pricing: TestService<PricingConfig>;

beforeAll(async () => {
  pricing = await startTestService(service);
});
afterAll(() => pricing?.stop());

const trip = {
  region: 'us-east',
  pickup: { lat: 40.7, lon: -74.01 },
  dropoff: { lat: 40.75, lon: -73.98 },
};

function postQuote(body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(`${pricing.service.url}/quotes`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Every row of every table in the pricing schema, to prove a request wrote nothing. */
async function snapshotTables(): Promise<unknown> {
  const tables = ['open_rides', 'processed_events', 'outbox'];
  const snapshot: Record<string, unknown> = {};
  for (const table of tables)
    snapshot[table] = await queryRows(
      pricing.database.url,
      `SELECT * FROM pricing.${table} ORDER BY 1`,
    );
  return snapshot;
}

describe('POST /quotes', () => {
  it('quotes a trip: a plausible distance and ETA, and a car costs more than a bike', async () => {
    const quotes: Record<string, Quote> = {};
    for (const vehicle of ['car', 'bike'] as const) {
      const response = await postQuote({ ...trip, vehicle });
      expect(response.status).toBe(200);
      quotes[vehicle] = Quote.parse(await response.json());
    }
    const car = quotes.car!;
    expect(car).toMatchObject({
      vehicle: 'car',
      region: 'us-east',
      currency: 'USD',
      surgeMultiplier: 1,
    });
    // ~6.1 km as the crow flies; roads are longer but not absurdly so.
    expect(car.distanceKm).toBeGreaterThan(6);
    expect(car.distanceKm).toBeLessThan(12);
    expect(car.etaSeconds).toBeGreaterThan(0);
    expect(car.amountCents).toBeGreaterThan(quotes.bike!.amountCents);
    expect(quotes.bike!.etaSeconds).toBeGreaterThan(car.etaSeconds);
  });

  it('answers the same quote for the same trip', async () => {
    const first = await (await postQuote({ ...trip, vehicle: 'scooter' })).json();
    const second = await (await postQuote({ ...trip, vehicle: 'scooter' })).json();
    expect(second).toEqual(first);
  });

  it.each([
    ['an unknown vehicle', { ...trip, vehicle: 'truck' }, 'vehicle'],
    ['an unknown region', { ...trip, vehicle: 'car', region: 'mars' }, 'region'],
    [
      'a latitude out of range',
      { ...trip, vehicle: 'car', pickup: { lat: 91, lon: 0 } },
      'pickup.lat',
    ],
    [
      'a longitude that is not a number',
      { ...trip, vehicle: 'car', dropoff: { lat: 1, lon: '2' } },
      'dropoff.lon',
    ],
    ['a missing dropoff', { vehicle: 'car', region: 'us-east', pickup: trip.pickup }, 'dropoff'],
  ])('rejects %s with a 400 naming the field, writing nothing', async (_case, body, field) => {
    // Only the consumer writes in this service; let it finish what earlier tests produced.
    await waitForConsumerGroup({
      brokers: pricing.kafkaBrokers,
      groupId: pricing.config.KAFKA_GROUP_ID,
      topics: ['ride.requested', 'ride.completed', 'ride.unassigned'],
    });
    const before = await snapshotTables();
    const response = await postQuote(body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as {
      statusCode: number;
      issues: Array<{ path: string }>;
    };
    expect(error.statusCode).toBe(400);
    expect(error.issues.map((issue) => issue.path)).toContain(field);
    expect(await snapshotTables()).toEqual(before);
  });

  it('rejects malformed JSON and oversized bodies with a JSON 4xx', async () => {
    const badJson = await postQuote('{"vehicle": ');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ statusCode: 400 });

    const huge = await postQuote({ ...trip, vehicle: 'car', padding: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ statusCode: 413 });
  });

  it('serves liveness and readiness', async () => {
    expect((await fetch(`${pricing.service.url}/health`)).status).toBe(200);
    const ready = await fetch(`${pricing.service.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
  });
});
