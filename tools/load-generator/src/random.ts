import { seededRandom, type Random } from '@rideshare/contracts';

/** `--seed` reproduces the same ride mix; without one every run differs. */
export function createRandom(seed: number | undefined): Random {
  return seed === undefined ? Math.random : seededRandom(seed);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Uniform in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}
