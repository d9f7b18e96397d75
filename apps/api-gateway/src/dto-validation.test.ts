import { RequestValidationError, ZodDtoValidationPipe } from '@rideshare/service-kit';
import { describe, expect, it } from 'vitest';
import { CreateDriverRequestDto, UpdateLocationRequestDto } from './drivers/driver.dto';
import { IdParamDto } from './id-param.dto';
import { QuoteQueryDto } from './quotes/quote.dto';
import { rideRequest } from '../test/support/fixtures';
import { CreateRideRequestDto } from './rides/ride.dto';

const pipe = new ZodDtoValidationPipe();
const ride = rideRequest;

function rejection(run: () => unknown): RequestValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestValidationError) return error;
    throw error;
  }
  throw new Error('expected a RequestValidationError');
}

describe('ZodDtoValidationPipe', () => {
  it('returns the parsed body', () => {
    expect(pipe.transform(ride, { type: 'body', metatype: CreateRideRequestDto })).toEqual(ride);
  });

  it('refuses unknown fields, naming the object that holds them', () => {
    const error = rejection(() =>
      pipe.transform(
        { ...ride, admin: true, pickup: { ...ride.pickup, alt: 1 } },
        { type: 'body', metatype: CreateRideRequestDto },
      ),
    );
    expect(error.getStatus()).toBe(400);
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['', 'pickup']);
  });

  it('refuses text PostgreSQL cannot store, naming the field', () => {
    for (const riderId of ['a\u0000b', 'a\ud800b']) {
      const error = rejection(() =>
        pipe.transform({ ...ride, riderId }, { type: 'body', metatype: CreateRideRequestDto }),
      );
      expect(error.issues.map((issue) => issue.path)).toEqual(['riderId']);
    }
  });

  it('names every offending body field, nested ones with dots', () => {
    const error = rejection(() =>
      pipe.transform(
        { ...ride, riderId: '', pickup: { lat: 100, lon: 0 } },
        { type: 'body', metatype: CreateRideRequestDto },
      ),
    );
    expect(error.getStatus()).toBe(400);
    expect(error.issues.map((issue) => issue.path)).toEqual(['riderId', 'pickup.lat']);
    expect(error.message).toBe('invalid request body: riderId, pickup.lat');
  });

  it('coerces the quote query strings to numbers and rejects non-numbers', () => {
    const query = {
      vehicle: 'car',
      region: 'us-east',
      pickupLat: '40.7',
      pickupLon: '-74',
      dropoffLat: '40.8',
      dropoffLon: '-73.9',
    };
    expect(pipe.transform(query, { type: 'query', metatype: QuoteQueryDto })).toMatchObject({
      pickupLat: 40.7,
      dropoffLon: -73.9,
    });

    const error = rejection(() =>
      pipe.transform({ ...query, pickupLat: 'north' }, { type: 'query', metatype: QuoteQueryDto }),
    );
    expect(error.message).toBe('invalid request query: pickupLat');
  });

  it('rejects a path id that is not a UUID', () => {
    const error = rejection(() =>
      pipe.transform({ id: '123' }, { type: 'param', metatype: IdParamDto }),
    );
    expect(error.message).toBe('invalid request params: id');
  });

  it('trims driver names and refuses blank ones', () => {
    const driver = {
      name: ' Ada ',
      vehicle: 'bike',
      region: 'us-east',
      location: { lat: 1, lon: 2 },
    };
    expect(
      pipe.transform(driver, { type: 'body', metatype: CreateDriverRequestDto }),
    ).toMatchObject({ name: 'Ada' });
    expect(
      rejection(() =>
        pipe.transform(
          { ...driver, name: ' ' },
          { type: 'body', metatype: CreateDriverRequestDto },
        ),
      ).issues[0]?.path,
    ).toBe('name');
  });

  it('refuses a location out of range', () => {
    const error = rejection(() =>
      pipe.transform({ lat: 0, lon: 181 }, { type: 'body', metatype: UpdateLocationRequestDto }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['lon']);
  });

  it('refuses to pass through an argument that has no zod DTO type', () => {
    expect(() => pipe.transform({ anything: 1 }, { type: 'body', metatype: Object })).toThrow(
      'not typed with a zod DTO',
    );
  });
});
