/** Benchmark options read from the environment; a bad value stops the bench with its name. */
import { parseConfigs } from './bench-configs';

/** Positive numbers separated by "," from the environment, or the default. */
export function positiveNumbers(name: string, fallback: string): number[] {
  const text = process.env[name] ?? fallback;
  const values = text.split(',').map(Number);
  if (values.some((value) => !Number.isFinite(value) || value <= 0)) {
    throw new Error(`${name}: expected positive numbers separated by ",", got "${text}"`);
  }
  return values;
}

export function positiveNumber(name: string, fallback: number): number {
  const text = process.env[name] ?? String(fallback);
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name}: expected a positive number, got "${text}"`);
  }
  return value;
}

export function wholeNumber(name: string, fallback: number): number {
  const text = process.env[name] ?? String(fallback);
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name}: expected a whole number of at least 1, got "${text}"`);
  }
  return value;
}

/**
 * The options of the benchmarks that drive one fixed rate on each system (bench:memory,
 * bench:allocations): BENCH_CONFIGS (default "bare,full telemetry"), BENCH_ROUNDS (2), BENCH_RATE
 * (rides/s, 20), BENCH_LOAD_SECONDS (30), BENCH_WARMUP_SECONDS (10).
 */
export function fixedRateOptions() {
  return {
    configs: parseConfigs(process.env.BENCH_CONFIGS ?? 'bare,full telemetry'),
    rounds: wholeNumber('BENCH_ROUNDS', 2),
    rate: positiveNumber('BENCH_RATE', 20),
    loadSeconds: positiveNumber('BENCH_LOAD_SECONDS', 30),
    warmupSeconds: positiveNumber('BENCH_WARMUP_SECONDS', 10),
  };
}
