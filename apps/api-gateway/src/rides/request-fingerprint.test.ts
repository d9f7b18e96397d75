import { describe, expect, it } from 'vitest';
import { canonicalJson, requestFingerprint } from './request-fingerprint';

const ride = {
  riderId: 'rider-1',
  vehicle: 'car',
  region: 'eu-north',
  pickup: { lat: 59.33, lon: 18.06 },
  dropoff: { lat: 59.35, lon: 18.1 },
};

describe('requestFingerprint', () => {
  it('ignores key order at every level', () => {
    const reordered = {
      dropoff: { lon: 18.1, lat: 59.35 },
      pickup: { lon: 18.06, lat: 59.33 },
      region: 'eu-north',
      vehicle: 'car',
      riderId: 'rider-1',
    };
    expect(canonicalJson(reordered)).toBe(canonicalJson(ride));
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(ride));
  });

  it('differs when any value differs', () => {
    expect(requestFingerprint({ ...ride, vehicle: 'bike' })).not.toBe(requestFingerprint(ride));
    expect(requestFingerprint({ ...ride, pickup: { lat: 59.33, lon: 18.07 } })).not.toBe(
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
