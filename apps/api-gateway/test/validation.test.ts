import type { ErrorBody } from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driverRequest, rideRequest } from './support/fixtures';
import { TestGateway, type RequestOptions } from './support/test-gateway';

const RIDE_ID = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';
const DRIVER_ID = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const QUOTE =
  'vehicle=car&region=us-east&pickupLat=40.7&pickupLon=-74&dropoffLat=40.8&dropoffLon=-73.9';

interface BadInput {
  name: string;
  method: string;
  path: string;
  options?: RequestOptions;
  /** The issue path the 400 must name. */
  field: string;
}

const BAD_INPUTS: BadInput[] = [
  {
    name: 'ride without riderId',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, riderId: undefined } },
    field: 'riderId',
  },
  {
    name: 'ride with a 65-char riderId',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, riderId: 'r'.repeat(65) } },
    field: 'riderId',
  },
  {
    name: 'ride with an unknown vehicle',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, vehicle: 'truck' } },
    field: 'vehicle',
  },
  {
    name: 'ride with an unknown region',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, region: 'mars' } },
    field: 'region',
  },
  {
    name: 'ride with pickup.lat > 90',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, pickup: { lat: 91, lon: 0 } } },
    field: 'pickup.lat',
  },
  {
    name: 'ride with a string dropoff.lon',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, dropoff: { lat: 1, lon: '2' } } },
    field: 'dropoff.lon',
  },
  {
    name: 'ride without dropoff',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, dropoff: undefined } },
    field: 'dropoff',
  },
  {
    name: 'ride with a 129-char Idempotency-Key',
    method: 'POST',
    path: '/v1/rides',
    options: { body: rideRequest, headers: { 'Idempotency-Key': 'k'.repeat(129) } },
    field: 'Idempotency-Key',
  },
  { name: 'ride id that is not a UUID', method: 'GET', path: '/v1/rides/not-a-uuid', field: 'id' },
  {
    name: 'complete with an id that is not a UUID',
    method: 'POST',
    path: '/v1/rides/42/complete',
    field: 'id',
  },
  {
    name: 'quote without pickupLat',
    method: 'GET',
    path: `/v1/quotes?${QUOTE.replace('pickupLat=40.7&', '')}`,
    field: 'pickupLat',
  },
  {
    name: 'quote with a non-numeric pickupLon',
    method: 'GET',
    path: `/v1/quotes?${QUOTE.replace('pickupLon=-74', 'pickupLon=west')}`,
    field: 'pickupLon',
  },
  {
    name: 'quote with dropoffLon > 180',
    method: 'GET',
    path: `/v1/quotes?${QUOTE.replace('dropoffLon=-73.9', 'dropoffLon=200')}`,
    field: 'dropoffLon',
  },
  {
    name: 'quote with an unknown vehicle',
    method: 'GET',
    path: `/v1/quotes?${QUOTE.replace('vehicle=car', 'vehicle=rocket')}`,
    field: 'vehicle',
  },
  {
    name: 'quote with a repeated region',
    method: 'GET',
    path: `/v1/quotes?${QUOTE}&region=eu-north`,
    field: 'region',
  },
  {
    name: 'driver with a blank name',
    method: 'POST',
    path: '/v1/drivers',
    options: { body: { ...driverRequest, name: '   ' } },
    field: 'name',
  },
  {
    name: 'driver with location.lat < -90',
    method: 'POST',
    path: '/v1/drivers',
    options: { body: { ...driverRequest, location: { lat: -91, lon: 0 } } },
    field: 'location.lat',
  },
  {
    name: 'driver with an unknown region',
    method: 'POST',
    path: '/v1/drivers',
    options: { body: { ...driverRequest, region: 'moon' } },
    field: 'region',
  },
  {
    name: 'location update without lat',
    method: 'PUT',
    path: `/v1/drivers/${DRIVER_ID}/location`,
    options: { body: { lon: 10 } },
    field: 'lat',
  },
  {
    name: 'location update for a non-UUID driver id',
    method: 'PUT',
    path: '/v1/drivers/abc/location',
    options: { body: { lat: 1, lon: 2 } },
    field: 'id',
  },
  { name: 'driver id that is not a UUID', method: 'GET', path: '/v1/drivers/abc', field: 'id' },
  {
    name: 'driver name with a NUL character',
    method: 'POST',
    path: '/v1/drivers',
    options: { body: { ...driverRequest, name: 'Ada\u0000' } },
    field: 'name',
  },
  {
    name: 'ride riderId with an unpaired surrogate',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, riderId: 'rider-\ud800' } },
    field: 'riderId',
  },
  {
    name: 'ride riderId with NUL (and an unknown nested field)',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, riderId: 'r\u0000', pickup: { lat: 1, lon: 1, alt: 2 } } },
    field: 'riderId',
  },
  {
    name: 'ride with an unknown field',
    method: 'POST',
    path: '/v1/rides',
    options: { body: { ...rideRequest, promo: 'FREE' } },
    field: '(root)',
  },
];

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await TestGateway.start({ BODY_LIMIT_BYTES: '1024' });
});
afterAll(async () => {
  await gateway?.close();
});

describe('bad input gets a 400 JSON error naming the field, and nothing is forwarded or written', () => {
  it.each(BAD_INPUTS)('$name -> 400 naming $field', async ({ method, path, options, field }) => {
    const response = await gateway.request(method, path, options);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = response.body as ErrorBody;
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.message).toContain(field);
    expect(body.issues.map((issue) => issue.path || '(root)')).toContain(field);
    expect(gateway.forwarded).toBe(0);
  });

  it('malformed JSON -> 400 JSON', async () => {
    const response = await gateway.request('POST', '/v1/rides', { rawBody: '{"riderId": "r1",' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'request body is not valid JSON',
      issues: [{ path: '', message: expect.any(String) }],
    });
  });

  it('a JSON body that is not an object (null) -> 400 saying an object was expected', async () => {
    const response = await gateway.request('POST', '/v1/drivers', { rawBody: 'null' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      message: 'invalid request body: (root)',
      issues: [{ path: '', message: expect.stringContaining('expected object') }],
    });
  });

  it('a body that is not JSON -> 415 JSON', async () => {
    const response = await gateway.request('POST', '/v1/drivers', {
      rawBody: 'name=Ada',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
    expect(response.body).toEqual({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: expect.stringContaining('application/json'),
      issues: [],
    });
  });

  it('a body over the limit -> 413 JSON', async () => {
    const response = await gateway.request('POST', '/v1/rides', {
      body: { ...rideRequest, padding: 'x'.repeat(2048) },
    });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request body too large',
      issues: [],
    });
  });

  it('an unknown route -> 404 JSON', async () => {
    const response = await gateway.request('GET', '/v1/trains');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it.each([
    ['DELETE', `/v1/rides/${RIDE_ID}`, 'GET, HEAD'],
    ['PATCH', '/v1/rides', 'POST'],
    ['PUT', `/v1/rides/${RIDE_ID}/complete`, 'POST'],
    ['POST', '/v1/quotes', 'GET, HEAD'],
  ])(
    '%s %s (a method the document does not list) -> 405 with Allow: %s',
    async (method, path, allow) => {
      const response = await gateway.request(method, path);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(response.body).toMatchObject({
        statusCode: 405,
        error: 'Method Not Allowed',
        issues: [],
      });
    },
  );

  it('after all of the above: zero requests forwarded, zero rows written', async () => {
    expect(gateway.forwarded).toBe(0);
    expect(await gateway.idempotencyKeyRows()).toEqual([]);
  });
});
