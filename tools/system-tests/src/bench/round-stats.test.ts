import { describe, expect, it } from 'vitest';
import {
  formatDifference,
  formatRatio,
  formatSpread,
  median,
  ratio,
  round1,
  spread,
} from './round-stats';

describe('median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([5])).toBe(5);
  });

  it('is the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses no values', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('spread', () => {
  it('gives the median, min and max', () => {
    expect(spread([10, 30, 20])).toEqual({ median: 20, min: 10, max: 30 });
  });

  it('leaves out rounds without a value, and is undefined when none has one', () => {
    expect(spread([null, 4, 2])).toEqual({ median: 3, min: 2, max: 4 });
    expect(spread([null, null])).toBeUndefined();
    expect(spread([])).toBeUndefined();
  });
});

describe('formatting', () => {
  it('rounds to one decimal', () => {
    expect(round1(49.26)).toBe(49.3);
    expect(round1(3)).toBe(3);
  });

  it('writes the median with the min–max, or the median alone when the rounds agree', () => {
    expect(formatSpread({ median: 49.26, min: 47.12, max: 51.2 })).toBe('49.3 (47.1–51.2)');
    expect(formatSpread({ median: 10, min: 10, max: 10 })).toBe('10');
    expect(formatSpread({ median: 10.01, min: 9.98, max: 10.04 })).toBe('10');
    expect(formatSpread(undefined)).toBe('n/a');
  });

  it('writes a ratio with two decimals, n/a without a base', () => {
    expect(formatRatio(ratio(56, 50))).toBe('1.12x');
    expect(formatRatio(ratio(50, 50))).toBe('1.00x');
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(5, undefined)).toBeNull();
    expect(formatRatio(null)).toBe('n/a');
  });
});

describe('formatDifference', () => {
  it('signs a difference and keeps one decimal', () => {
    expect(formatDifference(8.64)).toBe('+8.6');
    expect(formatDifference(0)).toBe('+0.0');
    expect(formatDifference(-3.14)).toBe('-3.1');
  });
});
