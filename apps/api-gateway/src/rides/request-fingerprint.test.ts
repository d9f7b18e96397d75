import { describe, expect, it } from 'vitest';
import { rideRequest } from '../../test/support/fixtures';
import { canonicalJson, requestFingerprint } from './request-fingerprint';

const ride = rideRequest;

describe('requestFingerprint', () => {
  it('ignores key order at every level', () => {
    const { riderId, vehicle, region, pickup, dropoff } = ride;
    const reordered = {
      dropoff: { lon: dropoff.lon, lat: dropoff.lat },
      pickup: { lon: pickup.lon, lat: pickup.lat },
      region,
      vehicle,
      riderId,
    };
    expect(canonicalJson(reordered)).toBe(canonicalJson(ride));
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(ride));
  });

  it('differs when any value differs', () => {
    expect(requestFingerprint({ ...ride, vehicle: 'bike' })).not.toBe(requestFingerprint(ride));
    expect(requestFingerprint({ ...ride, pickup: { ...ride.pickup, lon: 18.07 } })).not.toBe(
      requestFingerprint(ride),
    );
  });

  it('is a 64-character hex SHA-256', () => {
    expect(requestFingerprint(ride)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps array order', () => {
    expect(canonicalJson({ a: [2, 1] })).toBe('{"a":[2,1]}');
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });
});
