import { randomUUID } from 'node:crypto';
import type { CreateRideCommand, ErrorBody, Ride } from '@rideshare/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestFingerprint } from '../src/rides/request-fingerprint';
import type { FakeHandler } from './support/fake-service';
import { rideFrom, rideRequest } from './support/fixtures';
import { TestGateway } from './support/test-gateway';

/** A ride-service that, like the real one, returns the same ride for the same idempotency key. */
function idempotentRideService(): FakeHandler {
  const ridesByKey = new Map<string, Ride>();
  return ({ body }) => {
    const { idempotencyKey, ...request } = body as CreateRideCommand;
    const existing = idempotencyKey ? ridesByKey.get(idempotencyKey) : undefined;
    if (existing) return { status: 200, body: existing };
    const ride = rideFrom(request);
    if (idempotencyKey) ridesByKey.set(idempotencyKey, ride);
    return { status: 201, body: ride };
  };
}

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await TestGateway.start();
});
afterAll(async () => {
  await gateway?.close();
});
beforeEach(() => {
  gateway.resetFakes();
  gateway.rideService.respondWith(idempotentRideService());
});

const withKey = (key: string) => ({ 'Idempotency-Key': key });

describe('Idempotency-Key on POST /v1/rides', () => {
  it('the same key returns the same ride, and the key is forwarded to ride-service', async () => {
    const key = randomUUID();

    const first = await gateway.request('POST', '/v1/rides', {
      body: rideRequest,
      headers: withKey(key),
    });
    const replay = await gateway.request('POST', '/v1/rides', {
      body: rideRequest,
      headers: withKey(key),
    });

    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect((replay.body as Ride).id).toBe((first.body as Ride).id);
    expect(gateway.rideService.received.map((request) => request.body)).toEqual([
      { ...rideRequest, idempotencyKey: key },
      { ...rideRequest, idempotencyKey: key },
    ]);
    const rows = (await gateway.idempotencyKeyRows()).filter((row) => row.key === key);
    expect(rows).toEqual([{ key, request_fingerprint: requestFingerprint(rideRequest) }]);
  });

  it('the same body with its keys in another order is the same request', async () => {
    const key = randomUUID();
    const reordered = {
      dropoff: rideRequest.dropoff,
      pickup: rideRequest.pickup,
      region: rideRequest.region,
      vehicle: rideRequest.vehicle,
      riderId: rideRequest.riderId,
    };

    const first = await gateway.request('POST', '/v1/rides', {
      body: rideRequest,
      headers: withKey(key),
    });
    const replay = await gateway.request('POST', '/v1/rides', {
      rawBody: JSON.stringify(reordered),
      headers: withKey(key),
    });

    expect(replay.status).toBe(202);
    expect((replay.body as Ride).id).toBe((first.body as Ride).id);
  });

  it('the same key with a different body -> 422 naming the header, not forwarded', async () => {
    const key = randomUUID();
    const first = await gateway.request('POST', '/v1/rides', {
      body: rideRequest,
      headers: withKey(key),
    });
    expect(first.status).toBe(202);

    const reused = await gateway.request('POST', '/v1/rides', {
      body: { ...rideRequest, vehicle: 'bike' },
      headers: withKey(key),
    });

    expect(reused.status).toBe(422);
    const body = reused.body as ErrorBody;
    expect(body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(body.message).toContain('Idempotency-Key');
    expect(body.issues?.map((issue) => issue.path)).toEqual(['Idempotency-Key']);
    expect(gateway.rideService.received).toHaveLength(1);
    // The key stays bound to the first body.
    const rows = (await gateway.idempotencyKeyRows()).filter((row) => row.key === key);
    expect(rows).toEqual([{ key, request_fingerprint: requestFingerprint(rideRequest) }]);
  });

  it('without a key: nothing is stored, each post gets its own key of the gateway; two posts are two rides', async () => {
    const rowsBefore = await gateway.idempotencyKeyRows();

    const first = await gateway.request('POST', '/v1/rides', { body: rideRequest });
    const second = await gateway.request('POST', '/v1/rides', { body: rideRequest });

    expect((first.body as Ride).id).not.toBe((second.body as Ride).id);
    const keys = gateway.rideService.received.map(
      (request) => (request.body as { idempotencyKey?: string }).idempotencyKey,
    );
    expect(keys).toEqual([expect.stringMatching(/^gateway-/), expect.stringMatching(/^gateway-/)]);
    expect(keys[0]).not.toBe(keys[1]);
    expect(await gateway.idempotencyKeyRows()).toEqual(rowsBefore);
  });

  it('a retry after a failed attempt goes through with the same key', async () => {
    const key = randomUUID();
    gateway.rideService.respondWith(() => ({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal server error' },
    }));
    const failed = await gateway.request('POST', '/v1/rides', {
      body: rideRequest,
      headers: withKey(key),
    });
    expect(failed.status).toBe(502);

    gateway.rideService.respondWith(idempotentRideService());
    const retried = await gateway.request('POST', '/v1/rides', {
      body: rideRequest,
      headers: withKey(key),
    });

    expect(retried.status).toBe(202);
    expect(gateway.rideService.received.map((request) => request.body)).toEqual([
      { ...rideRequest, idempotencyKey: key },
      { ...rideRequest, idempotencyKey: key },
    ]);
  });

  it('20 concurrent requests with one key and one body: one row, one ride', async () => {
    const key = randomUUID();

    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        gateway.request('POST', '/v1/rides', { body: rideRequest, headers: withKey(key) }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(202));
    expect(new Set(responses.map((response) => (response.body as Ride).id)).size).toBe(1);
    expect((await gateway.idempotencyKeyRows()).filter((row) => row.key === key)).toHaveLength(1);
  });

  it('concurrent requests with one key and different bodies: only the first-bound body is forwarded', async () => {
    const key = randomUUID();
    const bodies = (['bike', 'scooter', 'car'] as const).flatMap((vehicle) =>
      Array.from({ length: 4 }, () => ({ ...rideRequest, vehicle })),
    );

    const responses = await Promise.all(
      bodies.map((body) => gateway.request('POST', '/v1/rides', { body, headers: withKey(key) })),
    );

    const accepted = responses.filter((response) => response.status === 202);
    const refused = responses.filter((response) => response.status === 422);
    expect(accepted.length + refused.length).toBe(bodies.length);
    const [row] = (await gateway.idempotencyKeyRows()).filter((candidate) => candidate.key === key);
    const boundVehicle = (['bike', 'scooter', 'car'] as const).find(
      (vehicle) => requestFingerprint({ ...rideRequest, vehicle }) === row?.request_fingerprint,
    );
    expect(accepted).toHaveLength(4);
    for (const response of accepted) expect((response.body as Ride).vehicle).toBe(boundVehicle);
    for (const request of gateway.rideService.received)
      expect((request.body as CreateRideCommand).vehicle).toBe(boundVehicle);
  });
});
