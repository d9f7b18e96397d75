import { describe, expect, it } from 'vitest';
import { hashSeed, seededRandom } from './index';

describe('seededRandom', () => {
  it('is mulberry32: seed 1 starts with the reference sequence', () => {
    const random = seededRandom(1);
    expect([random(), random(), random()]).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
    ]);
  });

  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(first);
  });

  it('returns numbers in [0, 1)', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 10_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('hashSeed', () => {
  it('is 32-bit FNV-1a', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c);
    expect(hashSeed('foobar')).toBe(0xbf9cf968);
  });

  it('gives each region its own stable seed', () => {
    const seeds = ['us-east', 'eu-north', 'ap-south'].map(hashSeed);
    expect(new Set(seeds).size).toBe(3);
    expect(hashSeed('eu-north')).toBe(seeds[1]);
  });
});
