import { randomUUID } from 'node:crypto';
import { TOPICS, type Region } from '@rideshare/contracts';
import { DLQ_HEADERS } from '@rideshare/service-kit';
import {
  consumeUntil,
  produceMessages,
  queryRows,
  startTestService,
  type TestService,
  waitFor,
} from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surgeMultiplier } from '../src/demand/surge';
import { rideRequested } from './support/ride-events';
import type { PricingConfig } from '../src/config';
import { service } from '../src/service';

let pricing: TestService<PricingConfig>;

beforeAll(async () => {
  pricing = await startTestService(service);
});
afterAll(() => pricing?.stop());

const processedCount = async (eventId: string) =>
  (
    await queryRows<{ count: number }>(
      pricing.database.url,
      'SELECT count(*)::int AS count FROM pricing.processed_events WHERE event_id = $1',
      [eventId],
    )
  )[0]!.count;

const openRideRows = (rideId: string) =>
  queryRows(pricing.database.url, 'SELECT * FROM pricing.open_rides WHERE ride_id = $1', [rideId]);

const openRidesIn = async (region: Region) =>
  (
    await queryRows<{ count: number }>(
      pricing.database.url,
      'SELECT count(*)::int AS count FROM pricing.open_rides WHERE region = $1',
      [region],
    )
  )[0]!.count;

async function quoteSurge(region: Region): Promise<number> {
  const response = await fetch(`${pricing.service.url}/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      vehicle: 'bike',
      region,
      pickup: { lat: 19.07, lon: 72.87 },
      dropoff: { lat: 19.08, lon: 72.88 },
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { surgeMultiplier: number }).surgeMultiplier;
}

describe('regional demand from ride events', () => {
  it('counts a ride.requested once even when the same event is delivered twice', async () => {
    const event = rideRequested('ap-south');
    const sentinel = rideRequested('ap-south');
    // One key: one partition, so the sentinel is consumed after both copies.
    const key = event.data.rideId;
    await produceMessages(pricing.kafkaBrokers, TOPICS.rideRequested, [
      { key, value: event },
      { key, value: event },
      { key, value: sentinel },
    ]);

    await waitFor(async () => (await processedCount(sentinel.id)) === 1, {
      description: 'the sentinel event is processed',
    });
    expect(await processedCount(event.id)).toBe(1);
    expect(await openRideRows(event.data.rideId)).toHaveLength(1);
  });

  it('raises the surge with the open rides of a region, and lowers it when rides complete', async () => {
    const events = Array.from({ length: 12 }, () => rideRequested('ap-south', 'scooter'));
    await produceMessages(
      pricing.kafkaBrokers,
      TOPICS.rideRequested,
      events.map((event) => ({ key: event.data.rideId, value: event })),
    );
    await waitFor(async () => {
      for (const event of events) if ((await processedCount(event.id)) === 0) return false;
      return true;
    });
    const busy = await openRidesIn('ap-south');
    expect(busy).toBeGreaterThanOrEqual(14);
    const busySurge = await quoteSurge('ap-south');
    expect(busySurge).toBe(surgeMultiplier(busy));
    expect(busySurge).toBeGreaterThan(1);

    const completions = events.slice(0, 6).map((event) => ({
      id: randomUUID(),
      type: 'ride.completed',
      version: 1,
      occurredAt: new Date().toISOString(),
      data: {
        rideId: event.data.rideId,
        driverId: randomUUID(),
        region: 'ap-south',
        vehicle: 'scooter',
      },
    }));
    // Each completion twice: the second copy must not close anything else.
    await produceMessages(
      pricing.kafkaBrokers,
      TOPICS.rideCompleted,
      completions
        .flatMap((completion) => [completion, completion])
        .map((value) => ({ key: value.data.rideId, value })),
    );
    await waitFor(async () => {
      for (const completion of completions)
        if ((await processedCount(completion.id)) === 0) return false;
      return true;
    });
    expect(await openRidesIn('ap-south')).toBe(busy - 6);
    expect(await quoteSurge('ap-south')).toBe(surgeMultiplier(busy - 6));
  });

  it('sends a malformed message to the dead-letter topic and still processes the next one', async () => {
    const marker = randomUUID();
    const malformed = `{"id": "${marker}", "type": "ride.requested", `;
    const next = rideRequested('eu-north');
    await produceMessages(pricing.kafkaBrokers, TOPICS.rideRequested, [
      { key: marker, value: malformed },
      { key: marker, value: next },
    ]);

    const deadLetter = await consumeUntil({
      brokers: pricing.kafkaBrokers,
      topic: 'rideshare.dlq',
      predicate: (message) =>
        message.value === malformed &&
        message.headers[DLQ_HEADERS.consumerGroup] === pricing.config.KAFKA_GROUP_ID,
    });
    expect(deadLetter.headers[DLQ_HEADERS.topic]).toBe(TOPICS.rideRequested);
    expect(deadLetter.headers[DLQ_HEADERS.reason]).toMatch(/invalid JSON/);

    await waitFor(async () => (await processedCount(next.id)) === 1, {
      description: 'the good message after the malformed one',
    });
    expect(await openRideRows(next.data.rideId)).toHaveLength(1);
  });
});
