import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CreateDriverRequest,
  CreateRideCommand,
  CreateRideRequest,
  describeZodError,
  GeoPoint,
  QuoteQuery,
  quoteQueryToRequest,
  toErrorIssues,
} from './index';

const validRide = {
  riderId: 'rider-1',
  vehicle: 'scooter',
  region: 'ap-south',
  pickup: { lat: 19.07, lon: 72.87 },
  dropoff: { lat: 19.1, lon: 72.9 },
};

describe('GeoPoint', () => {
  it('accepts the bounds and rejects beyond them', () => {
    expect(GeoPoint.safeParse({ lat: -90, lon: 180 }).success).toBe(true);
    expect(GeoPoint.safeParse({ lat: 90.0001, lon: 0 }).success).toBe(false);
    expect(GeoPoint.safeParse({ lat: 0, lon: -180.5 }).success).toBe(false);
    expect(GeoPoint.safeParse({ lat: '1', lon: 0 }).success).toBe(false);
  });
});

describe('CreateRideRequest', () => {
  it('accepts a valid body', () => {
    expect(CreateRideRequest.parse(validRide)).toEqual(validRide);
  });

  it('names each offending field', () => {
    const result = CreateRideRequest.safeParse({
      ...validRide,
      riderId: '',
      vehicle: 'tank',
      dropoff: { lat: 0, lon: 200 },
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(toErrorIssues(result.error).map((issue) => issue.path)).toEqual([
        'riderId',
        'vehicle',
        'dropoff.lon',
      ]);
      expect(describeZodError(result.error)).toContain('dropoff.lon: ');
    }
  });

  it('limits riderId to 64 characters', () => {
    expect(CreateRideRequest.safeParse({ ...validRide, riderId: 'x'.repeat(65) }).success).toBe(
      false,
    );
  });

  it('accepts an optional idempotency key in the internal command', () => {
    expect(CreateRideCommand.parse({ ...validRide, idempotencyKey: 'k-1' }).idempotencyKey).toBe(
      'k-1',
    );
    expect(CreateRideCommand.safeParse({ ...validRide, idempotencyKey: '' }).success).toBe(false);
  });
});

describe('QuoteQuery', () => {
  it('coerces query strings and converts to a QuoteRequest', () => {
    const query = QuoteQuery.parse({
      vehicle: 'car',
      region: 'us-east',
      pickupLat: '40.7',
      pickupLon: '-74',
      dropoffLat: '40.8',
      dropoffLon: '-73.9',
    });
    expect(quoteQueryToRequest(query)).toEqual({
      vehicle: 'car',
      region: 'us-east',
      pickup: { lat: 40.7, lon: -74 },
      dropoff: { lat: 40.8, lon: -73.9 },
    });
  });

  it('rejects an empty coordinate instead of reading it as 0', () => {
    const result = QuoteQuery.safeParse({
      vehicle: 'car',
      region: 'us-east',
      pickupLat: '',
      pickupLon: '0',
      dropoffLat: '1',
      dropoffLon: '1',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['pickupLat']);
  });

  it('rejects a non-numeric coordinate', () => {
    const result = QuoteQuery.safeParse({
      vehicle: 'car',
      region: 'us-east',
      pickupLat: 'north',
      pickupLon: '0',
      dropoffLat: '0',
      dropoffLon: '0',
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(toErrorIssues(result.error)[0]?.path).toBe('pickupLat');
  });
});

describe('CreateDriverRequest', () => {
  it('trims and requires a name', () => {
    expect(
      CreateDriverRequest.parse({
        name: ' Ada ',
        vehicle: 'bike',
        region: 'eu-north',
        location: { lat: 1, lon: 1 },
      }).name,
    ).toBe('Ada');
    expect(
      CreateDriverRequest.safeParse({
        name: '  ',
        vehicle: 'bike',
        region: 'eu-north',
        location: { lat: 1, lon: 1 },
      }).success,
    ).toBe(false);
  });
});

describe('text PostgreSQL can store', () => {
  const driver = { name: 'Ada', vehicle: 'bike', region: 'eu-north', location: { lat: 1, lon: 1 } };

  it.each([
    ['a NUL character', 'rider\u0000x'],
    ['an unpaired high surrogate', 'rider\ud800'],
    ['an unpaired low surrogate', '\udc00rider'],
  ])('refuses %s and names the field', (_, riderId) => {
    const result = CreateRideRequest.safeParse({ ...validRide, riderId });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(toErrorIssues(result.error)).toEqual([
        { path: 'riderId', message: 'must not contain NUL or unpaired surrogate characters' },
      ]);
    expect(CreateDriverRequest.safeParse({ ...driver, name: riderId }).success).toBe(false);
    expect(CreateRideCommand.safeParse({ ...validRide, idempotencyKey: riderId }).success).toBe(
      false,
    );
  });

  it('accepts paired surrogates (emoji) and other Unicode', () => {
    expect(CreateRideRequest.parse({ ...validRide, riderId: 'rider-😀-åäö' }).riderId).toBe(
      'rider-😀-åäö',
    );
  });
});

describe('unknown fields', () => {
  it('are refused in request bodies, nested ones too, naming where they are', () => {
    const result = CreateRideRequest.safeParse({
      ...validRide,
      extra: 1,
      pickup: { lat: 1, lon: 1, alt: 3 },
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(
        toErrorIssues(result.error)
          .map((issue) => issue.path)
          .sort(),
      ).toEqual(['', 'pickup']);
  });

  it('are refused in the quote query', () => {
    const query = {
      vehicle: 'car',
      region: 'us-east',
      pickupLat: '1',
      pickupLon: '1',
      dropoffLat: '1',
      dropoffLon: '1',
    };
    expect(QuoteQuery.safeParse(query).success).toBe(true);
    expect(QuoteQuery.safeParse({ ...query, page: '2' }).success).toBe(false);
  });
});

describe('QuoteQuery numbers', () => {
  const query = {
    vehicle: 'car',
    region: 'us-east',
    pickupLon: '1',
    dropoffLat: '1',
    dropoffLon: '1',
  };

  it('reads exponent notation, as a JSON number may be written', () => {
    expect(QuoteQuery.parse({ ...query, pickupLat: '1e-7' }).pickupLat).toBe(1e-7);
  });

  it('says a number is required when the parameter is missing', () => {
    const result = QuoteQuery.safeParse(query);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(toErrorIssues(result.error)).toEqual([
        { path: 'pickupLat', message: 'a number is required' },
      ]);
  });

  it('is documented as a number in its range', () => {
    const schema = z.toJSONSchema(QuoteQuery, { io: 'input', target: 'openapi-3.0' }) as {
      properties: Record<string, unknown>;
    };
    expect(schema.properties.pickupLat).toEqual({ type: 'number', minimum: -90, maximum: 90 });
    expect(schema.properties.dropoffLon).toEqual({ type: 'number', minimum: -180, maximum: 180 });
  });
});
