import { haversineKm, REGION_CENTERS } from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import { generateSeedDrivers, SEED_RADIUS_KM } from './seed-drivers';

describe('generateSeedDrivers', () => {
  it('makes N drivers per region and vehicle with unique seed keys', () => {
    const drivers = generateSeedDrivers(4);
    expect(drivers).toHaveLength(3 * 3 * 4);
    expect(new Set(drivers.map((d) => d.seedKey)).size).toBe(drivers.length);
    expect(drivers.filter((d) => d.region === 'ap-south' && d.vehicle === 'bike')).toHaveLength(4);
  });

  it('places drivers near their region center with ratings between 3.5 and 5', () => {
    for (const driver of generateSeedDrivers(10)) {
      expect(haversineKm(driver.location, REGION_CENTERS[driver.region])).toBeLessThanOrEqual(
        SEED_RADIUS_KM + 0.05,
      );
      expect(driver.rating).toBeGreaterThanOrEqual(3.5);
      expect(driver.rating).toBeLessThanOrEqual(5);
    }
  });

  it('is deterministic, and a larger count extends a smaller one', () => {
    const few = generateSeedDrivers(2);
    expect(generateSeedDrivers(2)).toEqual(few);
    const many = generateSeedDrivers(5);
    for (const driver of few) expect(many).toContainEqual(driver);
  });

  it('makes nobody for a count of 0', () => {
    expect(generateSeedDrivers(0)).toEqual([]);
  });
});
