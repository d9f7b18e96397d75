import { describe, expect, it } from 'vitest';
import { computeFareCents, FARE_TABLES } from './fare';

describe('computeFareCents', () => {
  it('adds base, distance and time for a car', () => {
    // 250 + 120 * 10 km + 30 * 20 min = 2050
    expect(computeFareCents('car', 10, 1200, 1)).toBe(2050);
  });

  it('multiplies by the surge and rounds to whole cents', () => {
    expect(computeFareCents('car', 10, 1200, 1.5)).toBe(3075);
    // (50 + 40 * 3.3 km + 10 * 1000 s / 60) * 1.37 = 477.67
    expect(computeFareCents('bike', 3.3, 1000, 1.37)).toBe(478);
  });

  it('never charges less than the minimum fare (before surge)', () => {
    expect(computeFareCents('scooter', 0, 0, 1)).toBe(FARE_TABLES.scooter.minimumCents);
    expect(computeFareCents('scooter', 0, 0, 2)).toBe(FARE_TABLES.scooter.minimumCents * 2);
  });

  it('prices a car above a scooter above a bike for the same trip', () => {
    const trip = [7, 900] as const;
    expect(computeFareCents('car', ...trip, 1)).toBeGreaterThan(
      computeFareCents('scooter', ...trip, 1),
    );
    expect(computeFareCents('scooter', ...trip, 1)).toBeGreaterThan(
      computeFareCents('bike', ...trip, 1),
    );
  });

  it('rejects negative trips and surges below 1', () => {
    expect(() => computeFareCents('car', -1, 10, 1)).toThrow(RangeError);
    expect(() => computeFareCents('car', 1, 10, 0.5)).toThrow(RangeError);
  });
});
