import type { CreateRideCommand, Driver, QuoteRequest, Ride } from '@rideshare/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { driverFrom, driverRequest, quoteFor, rideFrom, rideRequest } from './support/fixtures';
import { TestGateway } from './support/test-gateway';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await TestGateway.start();
});
afterAll(async () => {
  await gateway?.close();
});
beforeEach(() => gateway.resetFakes());

describe('forwarding to the internal services', () => {
  it('POST /v1/rides -> ride-service POST /rides, 202 with the ride', async () => {
    gateway.rideService.respondWith(({ body }) => ({
      status: 201,
      body: rideFrom(body as CreateRideCommand),
    }));

    const response = await gateway.request('POST', '/v1/rides', { body: rideRequest });

    expect(response.status).toBe(202);
    const ride = response.body as Ride;
    expect(ride).toMatchObject({ ...rideRequest, status: 'REQUESTED', driverId: null });
    expect(gateway.rideService.received).toHaveLength(1);
    const [forwarded] = gateway.rideService.received;
    expect(forwarded).toMatchObject({ method: 'POST', path: '/rides' });
    // Exactly the validated body plus the key the gateway's retries use.
    expect(forwarded?.body).toEqual({
      ...rideRequest,
      idempotencyKey: expect.stringMatching(/^gateway-/),
    });
    expect(forwarded?.headers['content-type']).toBe('application/json');
    expect(gateway.forwarded).toBe(1);
  });

  it('GET /v1/rides/:id -> ride-service GET /rides/:id', async () => {
    const ride = rideFrom(rideRequest, { status: 'ASSIGNED', driverId: 'driver-7' });
    gateway.rideService.respondWith(() => ({ status: 200, body: ride }));

    const response = await gateway.request('GET', `/v1/rides/${ride.id}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(ride);
    expect(gateway.rideService.received.map(({ method, path }) => ({ method, path }))).toEqual([
      { method: 'GET', path: `/rides/${ride.id}` },
    ]);
  });

  it('POST /v1/rides/:id/complete -> ride-service POST /rides/:id/complete, 200', async () => {
    const ride = rideFrom(rideRequest, { status: 'COMPLETED', driverId: 'driver-7' });
    gateway.rideService.respondWith(() => ({ status: 200, body: ride }));

    const response = await gateway.request('POST', `/v1/rides/${ride.id}/complete`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(ride);
    expect(gateway.rideService.received.map(({ method, path }) => ({ method, path }))).toEqual([
      { method: 'POST', path: `/rides/${ride.id}/complete` },
    ]);
  });

  it('GET /v1/quotes -> pricing-service POST /quotes with the query as { vehicle, region, pickup, dropoff }', async () => {
    gateway.pricingService.respondWith(({ body }) => ({
      status: 200,
      body: quoteFor(body as QuoteRequest),
    }));

    const response = await gateway.request(
      'GET',
      '/v1/quotes?vehicle=scooter&region=ap-south&pickupLat=12.97&pickupLon=77.59&dropoffLat=12.93&dropoffLon=77.62',
    );

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      vehicle: 'scooter',
      region: 'ap-south',
      currency: 'USD',
      amountCents: 1530,
    });
    expect(gateway.pricingService.received).toHaveLength(1);
    expect(gateway.pricingService.received[0]).toMatchObject({
      method: 'POST',
      path: '/quotes',
      body: {
        vehicle: 'scooter',
        region: 'ap-south',
        pickup: { lat: 12.97, lon: 77.59 },
        dropoff: { lat: 12.93, lon: 77.62 },
      },
    });
    expect(gateway.forwarded).toBe(1);
  });

  it('POST /v1/drivers -> driver-service POST /drivers, 201', async () => {
    gateway.driverService.respondWith(({ body }) => ({
      status: 201,
      body: driverFrom(body as typeof driverRequest),
    }));

    const response = await gateway.request('POST', '/v1/drivers', {
      body: { ...driverRequest, name: '  Ada  ' },
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ ...driverRequest, status: 'AVAILABLE' });
    // The contract trims names; the trimmed value is what gets forwarded.
    expect(gateway.driverService.received[0]).toMatchObject({
      method: 'POST',
      path: '/drivers',
      body: driverRequest,
    });
  });

  it('PUT /v1/drivers/:id/location -> driver-service PUT /drivers/:id/location, 200', async () => {
    const driver = driverFrom(driverRequest);
    const location = { lat: 40.73, lon: -73.99 };
    gateway.driverService.respondWith(() => ({
      status: 200,
      body: { ...driver, location } satisfies Driver,
    }));

    const response = await gateway.request('PUT', `/v1/drivers/${driver.id}/location`, {
      body: location,
    });

    expect(response.status).toBe(200);
    expect((response.body as Driver).location).toEqual(location);
    expect(gateway.driverService.received[0]).toMatchObject({
      method: 'PUT',
      path: `/drivers/${driver.id}/location`,
      body: location,
    });
  });

  it('GET /v1/drivers/:id -> driver-service GET /drivers/:id', async () => {
    const driver = driverFrom(driverRequest);
    gateway.driverService.respondWith(() => ({ status: 200, body: driver }));

    const response = await gateway.request('GET', `/v1/drivers/${driver.id}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(driver);
    expect(gateway.driverService.received.map(({ method, path }) => ({ method, path }))).toEqual([
      { method: 'GET', path: `/drivers/${driver.id}` },
    ]);
  });
});
