import { describe, expect, it } from 'vitest';
import { GeoPoint, haversineKm, REGION_CENTERS, REGIONS } from './index';

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    const stockholm = REGION_CENTERS['eu-north'];
    const nearby = { lat: 59.35, lon: 18.1 };
    expect(haversineKm(stockholm, stockholm)).toBe(0);
    expect(haversineKm(stockholm, nearby)).toBe(haversineKm(nearby, stockholm));
  });

  it('measures one degree of latitude as ~111.2 km', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.195, 2);
    const stockholm = REGION_CENTERS['eu-north'];
    const oneKmNorth = { lat: stockholm.lat + 1 / 111.195, lon: stockholm.lon };
    expect(haversineKm(stockholm, oneKmNorth)).toBeCloseTo(1, 2);
  });

  it('gives the known great-circle distance New York - Stockholm (~6300 km)', () => {
    const km = haversineKm(REGION_CENTERS['us-east'], REGION_CENTERS['eu-north']);
    expect(km).toBeGreaterThan(6250);
    expect(km).toBeLessThan(6350);
  });

  it('stays finite for antipodal points (half the circumference)', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(20015.1, 0);
  });
});

describe('REGION_CENTERS', () => {
  it('has a valid point for every region', () => {
    expect(Object.keys(REGION_CENTERS).sort()).toEqual([...REGIONS].sort());
    for (const region of REGIONS) expect(GeoPoint.parse(REGION_CENTERS[region])).toBeTruthy();
  });
});
