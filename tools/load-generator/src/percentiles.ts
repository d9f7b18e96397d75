/** Latency statistics in milliseconds; null when nothing was measured. */
export interface LatencyStats {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * Nearest-rank percentile of ascending `sorted` values: the smallest value
 * such that at least p % of the values are less than or equal to it.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] ?? null;
}

/** Rounded to 0.1 ms: finer digits are timer noise. */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length === 0 ? null : (sorted[sorted.length - 1] ?? null)),
  };
}
