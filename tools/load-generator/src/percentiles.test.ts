import { describe, expect, it } from 'vitest';
import { latencyStats, percentile } from './percentiles';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('picks the value at rank ceil(p/100 * n)', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 90)).toBe(90);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
  });

  it('returns an actual sample, never an interpolation', () => {
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
    expect(percentile([10, 20, 30, 40], 99)).toBe(40);
  });

  it('returns the only value of a single sample for every p', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is null for no samples and rejects p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('latencyStats', () => {
  it('sorts unsorted input and rounds to 0.1 ms', () => {
    const values = [5.04, 1.01, 3.33, 2.22, 4.44];
    expect(latencyStats(values)).toEqual({ count: 5, p50: 3.3, p90: 5, p99: 5, max: 5 });
    // The caller's array is left as it was.
    expect(values).toEqual([5.04, 1.01, 3.33, 2.22, 4.44]);
  });

  it('reports a long tail in p99 but not in p50', () => {
    const values = [...Array.from({ length: 98 }, () => 10), 500, 900];
    const stats = latencyStats(values);
    expect(stats.p50).toBe(10);
    expect(stats.p90).toBe(10);
    expect(stats.p99).toBe(500);
    expect(stats.max).toBe(900);
  });

  it('is all null with a zero count for no samples', () => {
    expect(latencyStats([])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });
});
