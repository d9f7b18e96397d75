import { describe, expect, it } from 'vitest';
import { MAX_SURGE, MIN_SURGE, SURGE_FREE_OPEN_RIDES, surgeMultiplier } from './surge';

describe('surgeMultiplier', () => {
  it('is 1.0 while demand is low', () => {
    expect(surgeMultiplier(0)).toBe(1);
    expect(surgeMultiplier(SURGE_FREE_OPEN_RIDES)).toBe(1);
  });

  it('rises with demand beyond the free rides', () => {
    expect(surgeMultiplier(SURGE_FREE_OPEN_RIDES + 10)).toBe(1.5);
    expect(surgeMultiplier(SURGE_FREE_OPEN_RIDES + 11)).toBeGreaterThan(
      surgeMultiplier(SURGE_FREE_OPEN_RIDES + 10),
    );
  });

  it('stays within bounds for any demand', () => {
    for (const openRides of [-5, 0, 1, 7, 40, 45, 1_000, 1e9]) {
      const surge = surgeMultiplier(openRides);
      expect(surge).toBeGreaterThanOrEqual(MIN_SURGE);
      expect(surge).toBeLessThanOrEqual(MAX_SURGE);
    }
    expect(surgeMultiplier(1e9)).toBe(MAX_SURGE);
  });
});
