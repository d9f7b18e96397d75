/** Figures measured once per round, reported as their median and their range over the rounds. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Median, min and max of the rounds' values; rounds without a value (null: e.g. no latency when
 * no ride was accepted) are left out, and undefined when none has one.
 */
export function spread(values: ReadonlyArray<number | null>): Spread | undefined {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return undefined;
  return { median: median(known), min: Math.min(...known), max: Math.max(...known) };
}

/** Rounded to one decimal. */
export const round1 = (value: number): number => Math.round(value * 10) / 10;

/** `49.3 (47.1–51.2)`: the median and the min–max, one decimal; only the median when they agree. */
export function formatSpread(value: Spread | undefined): string {
  if (!value) return 'n/a';
  const [middle, min, max] = [value.median, value.min, value.max].map(round1);
  return min === max ? `${middle}` : `${middle} (${min}–${max})`;
}

/** `value / base`, or null when there is no base to divide by. */
export function ratio(value: number | undefined, base: number | undefined): number | null {
  return value === undefined || base === undefined || base === 0 ? null : value / base;
}

/** `1.12x`, or `n/a`. */
export const formatRatio = (value: number | null): string =>
  value === null ? 'n/a' : `${value.toFixed(2)}x`;

/** `+8.6` / `-3.1`: a difference with its sign, one decimal. */
export const formatDifference = (value: number): string =>
  `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
