import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createEvent,
  DEAD_LETTER_TOPIC,
  parseEvent,
  serializeEvent,
  TOPICS,
  type RideRequestedData,
} from './index';

const rideRequested: RideRequestedData = {
  rideId: randomUUID(),
  riderId: 'rider-1',
  vehicle: 'car',
  region: 'eu-north',
  pickup: { lat: 59.33, lon: 18.06 },
  dropoff: { lat: 59.35, lon: 18.1 },
  fareCents: 1250,
};

describe('createEvent', () => {
  it('fills id, version and occurredAt', () => {
    const event = createEvent('ride.requested', rideRequested);
    expect(event.type).toBe('ride.requested');
    expect(event.version).toBe(1);
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
    expect(event.data).toEqual(rideRequested);
  });

  it('gives every event its own id', () => {
    expect(createEvent('ride.requested', rideRequested).id).not.toBe(
      createEvent('ride.requested', rideRequested).id,
    );
  });

  it('rejects invalid data', () => {
    expect(() => createEvent('ride.requested', { ...rideRequested, fareCents: -1 })).toThrow();
  });
});

describe('parseEvent', () => {
  it('round-trips a created event, typed by topic', () => {
    const event = createEvent('driver.assigned', {
      rideId: randomUUID(),
      driverId: 'driver-7',
      region: 'us-east',
      vehicle: 'bike',
      etaSeconds: 120,
    });
    const result = parseEvent(TOPICS.driverAssigned, Buffer.from(serializeEvent(event)));
    expect(result).toEqual({ ok: true, event });
    if (result.ok) expect(result.event.data.driverId).toBe('driver-7');
  });

  it('names an empty value', () => {
    expect(parseEvent(TOPICS.rideCompleted, null)).toEqual({
      ok: false,
      reason: 'empty message value',
    });
    expect(parseEvent(TOPICS.rideCompleted, Buffer.alloc(0))).toEqual({
      ok: false,
      reason: 'empty message value',
    });
  });

  it('names malformed JSON', () => {
    const result = parseEvent(TOPICS.rideRequested, Buffer.from('{not json'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^invalid JSON: /);
  });

  it('names an unknown topic', () => {
    expect(parseEvent(DEAD_LETTER_TOPIC, '{}')).toEqual({
      ok: false,
      reason: "unknown topic 'rideshare.dlq'",
    });
  });

  it('rejects an event published on the wrong topic', () => {
    const event = createEvent('ride.unassigned', { rideId: randomUUID(), reason: 'no driver' });
    expect(parseEvent(TOPICS.rideRequested, serializeEvent(event))).toEqual({
      ok: false,
      reason: "event type 'ride.unassigned' does not belong on topic 'ride.requested'",
    });
  });

  it('names the offending field', () => {
    const event = createEvent('ride.requested', rideRequested);
    const bad = { ...event, data: { ...event.data, pickup: { lat: 91, lon: 18 } } };
    const result = parseEvent(TOPICS.rideRequested, JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reason).toMatch(/^invalid ride\.requested event: data\.pickup\.lat: /);
  });

  it('rejects other versions and bad envelopes', () => {
    const event = createEvent('ride.completed', {
      rideId: randomUUID(),
      driverId: 'd',
      region: 'ap-south',
      vehicle: 'scooter',
    });
    const v2 = parseEvent(TOPICS.rideCompleted, JSON.stringify({ ...event, version: 2 }));
    expect(v2.ok).toBe(false);
    if (!v2.ok) expect(v2.reason).toContain('version');
    const badId = parseEvent(TOPICS.rideCompleted, JSON.stringify({ ...event, id: 'nope' }));
    expect(badId.ok).toBe(false);
    if (!badId.ok) expect(badId.reason).toContain('id:');
    const badTime = parseEvent(
      TOPICS.rideCompleted,
      JSON.stringify({ ...event, occurredAt: 'yesterday' }),
    );
    expect(badTime.ok).toBe(false);
    if (!badTime.ok) expect(badTime.reason).toContain('occurredAt');
  });
});
