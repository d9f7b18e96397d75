import { describe, expect, it } from 'vitest';
import { estimatePickupEta, scoreCandidates } from './score-candidates';

const pickup = { lat: 59.3293, lon: 18.0686 };
const north = (km: number) => ({ lat: pickup.lat + km / 111.195, lon: pickup.lon });

describe('scoreCandidates', () => {
  it('ranks equally rated drivers nearest first', () => {
    const ranked = scoreCandidates(
      [
        { id: 'far', location: north(5), rating: 4.5 },
        { id: 'near', location: north(0.5), rating: 4.5 },
        { id: 'mid', location: north(2), rating: 4.5 },
      ],
      pickup,
      'car',
      'ride-1',
    );
    expect(ranked.map((c) => c.id)).toEqual(['near', 'mid', 'far']);
    expect(ranked[0]!.distanceKm).toBeCloseTo(0.5, 2);
  });

  it('lets a much better rating outweigh a slightly longer pickup, but not a much longer one', () => {
    const ranked = scoreCandidates(
      [
        { id: 'close-poor', location: north(0.3), rating: 1 },
        { id: 'bit-further-great', location: north(0.5), rating: 5 },
        { id: 'far-great', location: north(8), rating: 5 },
      ],
      pickup,
      'bike',
      'ride-2',
    );
    expect(ranked.map((c) => c.id)).toEqual(['bit-further-great', 'close-poor', 'far-great']);
  });

  it('is deterministic for the same ride and returns an empty list for no candidates', () => {
    const candidates = [1, 2, 3].map((km) => ({ id: `d${km}`, location: north(km), rating: 4 }));
    expect(scoreCandidates(candidates, pickup, 'scooter', 'r')).toEqual(
      scoreCandidates(candidates, pickup, 'scooter', 'r'),
    );
    expect(scoreCandidates([], pickup, 'car', 'r')).toEqual([]);
  });
});

describe('estimatePickupEta', () => {
  it('is pessimistic: at least the straight-line time at average speed, and grows with distance', () => {
    const oneKm = estimatePickupEta(1, 'car', 'x');
    expect(oneKm).toBeGreaterThanOrEqual((1 / 28) * 3600);
    expect(estimatePickupEta(3, 'car', 'x')).toBeGreaterThan(oneKm);
    expect(estimatePickupEta(0, 'car', 'x')).toBe(0);
  });

  it('is slower on a bike than in a car', () => {
    expect(estimatePickupEta(2, 'bike', 'x')).toBeGreaterThan(estimatePickupEta(2, 'car', 'x'));
  });
});
