import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from './support/fake-service';
import { driverRequest, rideRequest, unavailable } from './support/fixtures';
import { TestGateway } from './support/test-gateway';

const RIDE_ID = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';
const DRIVER_ID = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const QUOTE_PATH =
  '/v1/quotes?vehicle=bike&region=us-east&pickupLat=40.7&pickupLon=-74&dropoffLat=40.8&dropoffLon=-73.9';
const TIMEOUT_MS = 300;

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await TestGateway.start({ DOWNSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) });
});
afterAll(async () => {
  await gateway?.close();
});
beforeEach(() => gateway.resetFakes());

function expectNoInternalDetail(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/at \S+ \(|\.ts:\d+|\.js:\d+|ECONNREFUSED|127\.0\.0\.1|stack/);
}

describe('downstream 4xx pass through with their JSON body', () => {
  it('404 from ride-service stays 404 with its message', async () => {
    const notFound = { statusCode: 404, error: 'Not Found', message: `ride ${RIDE_ID} not found` };
    gateway.rideService.respondWith(() => ({ status: 404, body: notFound }));

    const response = await gateway.request('GET', `/v1/rides/${RIDE_ID}`);

    expect(response.status).toBe(404);
    expect(response.body).toEqual({ ...notFound, issues: [] });
  });

  it('409 from ride-service stays 409 with its message and issues', async () => {
    const conflict = {
      statusCode: 409,
      error: 'Conflict',
      message: 'ride is REQUESTED; only an ASSIGNED ride can be completed',
      issues: [{ path: 'status', message: 'expected ASSIGNED' }],
    };
    gateway.rideService.respondWith(() => ({ status: 409, body: conflict }));

    const response = await gateway.request('POST', `/v1/rides/${RIDE_ID}/complete`);

    expect(response.status).toBe(409);
    expect(response.body).toEqual(conflict);
  });

  it('404 from driver-service stays 404', async () => {
    gateway.driverService.respondWith(() => ({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'no such driver' },
    }));

    const response = await gateway.request('PUT', `/v1/drivers/${DRIVER_ID}/location`, {
      body: { lat: 1, lon: 2 },
    });

    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'no such driver',
      issues: [],
    });
  });
});

describe('downstream failures become 502/503 without internal detail', () => {
  it('500 from pricing-service -> 502', async () => {
    gateway.pricingService.respondWith(() => ({
      status: 500,
      body: {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'TypeError: boom\n    at quote (/srv/pricing/dist/quote.js:10:5)',
        issues: [],
      },
    }));

    const response = await gateway.request('GET', QUOTE_PATH);

    expect(response.status).toBe(502);
    expect(response.body).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'pricing-service failed to answer correctly',
      issues: [],
    });
    expectNoInternalDetail(response.body);
  });

  it('a 2xx body outside the contract -> 502', async () => {
    gateway.driverService.respondWith(() => ({
      status: 200,
      body: { id: DRIVER_ID, name: 'half a driver' },
    }));

    const response = await gateway.request('GET', `/v1/drivers/${DRIVER_ID}`);

    expect(response.status).toBe(502);
    expect(response.body).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'driver-service failed to answer correctly',
      issues: [],
    });
  });

  it('no answer within DOWNSTREAM_TIMEOUT_MS -> 503 + Retry-After (busy, not broken)', async () => {
    gateway.driverService.respondWith(() => 'hang');

    const response = await gateway.request('POST', '/v1/drivers', { body: driverRequest });

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.body).toEqual(unavailable('driver-service is unavailable'));
    // Creating a driver is not idempotent: one attempt only.
    expect(gateway.driverService.received).toHaveLength(1);
  });
});

describe('an unreachable service', () => {
  let unreachable: TestGateway;

  beforeAll(async () => {
    unreachable = await TestGateway.start({
      RIDE_SERVICE_URL: `http://127.0.0.1:${await closedPort()}`,
    });
  });
  afterAll(async () => {
    await unreachable?.close();
  });

  it('-> 503 JSON naming the service and nothing else', async () => {
    const response = await unreachable.request('POST', '/v1/rides', { body: rideRequest });

    expect(response.status).toBe(503);
    expect(response.body).toEqual(unavailable('ride-service is unavailable'));
    expect(response.headers.get('retry-after')).toBe('1');
    expectNoInternalDetail(response.body);
  });
});
