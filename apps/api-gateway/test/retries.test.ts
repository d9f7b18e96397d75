import { REQUEST_BUDGET_HEADER } from '@rideshare/service-kit';
import { waitFor } from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { driverRequest, rideFrom, rideRequest, unavailable } from './support/fixtures';
import { TestGateway, type GatewayResponse } from './support/test-gateway';

const RIDE_ID = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';
const BUDGET_MS = 5_000;
const BUSY = {
  status: 503,
  headers: { 'retry-after': '0' },
  body: { statusCode: 503, error: 'Service Unavailable', message: 'service overloaded' },
};

/** Answers BUSY to the first `busyAnswers` requests, then `reply`. */
function busyThen(busyAnswers: number, reply: () => { status: number; body: unknown }) {
  let seen = 0;
  return () => (seen++ < busyAnswers ? BUSY : reply());
}

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await TestGateway.start({ REQUEST_BUDGET_MS: String(BUDGET_MS) });
});
afterAll(async () => {
  await gateway?.close();
});
beforeEach(() => gateway.resetFakes());

describe('idempotent calls are retried inside the request budget', () => {
  it('GET /v1/rides/:id: two busy answers, then the ride', async () => {
    const ride = rideFrom(rideRequest, { id: RIDE_ID });
    gateway.rideService.respondWith(busyThen(2, () => ({ status: 200, body: ride })));

    const response = await gateway.request('GET', `/v1/rides/${RIDE_ID}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(ride);
    expect(gateway.rideService.received).toHaveLength(3);
  });

  it('POST /v1/rides without a key: retried under one key of the gateway, so one ride', async () => {
    gateway.rideService.respondWith(
      busyThen(1, () => ({ status: 202, body: rideFrom(rideRequest) })),
    );

    const response = await gateway.request('POST', '/v1/rides', { body: rideRequest });

    expect(response.status).toBe(202);
    const keys = gateway.rideService.received.map(
      (request) => (request.body as { idempotencyKey?: string }).idempotencyKey,
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^gateway-/);
    expect(keys[1]).toBe(keys[0]);
  });

  it("POST /v1/rides with Idempotency-Key: retried with the client's key", async () => {
    gateway.rideService.respondWith(
      busyThen(1, () => ({ status: 202, body: rideFrom(rideRequest) })),
    );

    const response = await gateway.request('POST', '/v1/rides', {
      body: rideRequest,
      headers: { 'Idempotency-Key': 'order-retried-1' },
    });

    expect(response.status).toBe(202);
    expect(
      gateway.rideService.received.map(
        (request) => (request.body as { idempotencyKey?: string }).idempotencyKey,
      ),
    ).toEqual(['order-retried-1', 'order-retried-1']);
  });

  it('POST /v1/rides/:id/complete is retried (completing a COMPLETED ride changes nothing)', async () => {
    const completed = rideFrom(rideRequest, { id: RIDE_ID, status: 'COMPLETED', driverId: 'd-1' });
    gateway.rideService.respondWith(busyThen(1, () => ({ status: 200, body: completed })));

    const response = await gateway.request('POST', `/v1/rides/${RIDE_ID}/complete`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(completed);
    expect(gateway.rideService.received).toHaveLength(2);
  });

  it('POST /v1/drivers is not retried: 503 + Retry-After after one attempt', async () => {
    gateway.driverService.respondWith(() => ({ ...BUSY, headers: { 'retry-after': '4' } }));

    const response = await gateway.request('POST', '/v1/drivers', { body: driverRequest });

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('4');
    expect(response.body).toEqual(unavailable('driver-service is unavailable'));
    expect(gateway.driverService.received).toHaveLength(1);
  });

  it('gives up with 503 + Retry-After when the service stays busy', async () => {
    gateway.rideService.respondWith(() => BUSY);

    const response = await gateway.request('GET', `/v1/rides/${RIDE_ID}`);

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
    expect(gateway.rideService.received.length).toBeGreaterThan(1);
  });

  it('every call carries what is left of the budget, never more than the budget', async () => {
    gateway.rideService.respondWith(() => ({ status: 200, body: rideFrom(rideRequest) }));

    await gateway.request('GET', `/v1/rides/${RIDE_ID}`, {
      headers: { [REQUEST_BUDGET_HEADER]: '2000' },
    });
    await gateway.request('GET', `/v1/rides/${RIDE_ID}`);

    const budgets = gateway.rideService.received.map((request) =>
      Number(request.headers[REQUEST_BUDGET_HEADER]),
    );
    expect(budgets[0]).toBeGreaterThan(0);
    expect(budgets[0]).toBeLessThanOrEqual(2000);
    expect(budgets[1]).toBeGreaterThan(0);
    expect(budgets[1]).toBeLessThanOrEqual(BUDGET_MS);
  });
});

describe('a gateway at capacity', () => {
  let small: TestGateway;

  beforeAll(async () => {
    small = await TestGateway.start({
      MAX_IN_FLIGHT_REQUESTS: '1',
      MAX_QUEUED_REQUESTS: '0',
      // The held request ends when its budget does.
      REQUEST_BUDGET_MS: '2000',
    });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('answers what it cannot take 503 + Retry-After with the JSON body, forwarding nothing', async () => {
    small.rideService.respondWith(() => 'hang');
    const held = small.request('GET', `/v1/rides/${RIDE_ID}`).catch(() => undefined);
    await waitFor(() => small.rideService.received.length === 1, {
      description: 'first request forwarded',
    });

    const shed: GatewayResponse = await small.request('GET', `/v1/rides/${RIDE_ID}`);

    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(shed.body).toEqual(unavailable('service overloaded: too many requests in progress'));
    expect(small.rideService.received).toHaveLength(1);
    // The held request ends with its budget: 503, the service did not answer in time.
    expect((await held)?.status).toBe(503);
  });
});
