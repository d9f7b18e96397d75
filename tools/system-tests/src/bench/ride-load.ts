import { runLoad, type Summary } from '@rideshare/load-generator';
import type { SystemOptions } from '@rideshare/system-harness';

/** Enough drivers that matching, not a shortage of drivers, decides a ride's fate. */
export const BENCH_SERVICE_ENV: SystemOptions['env'] = {
  'driver-service': { DRIVERS_PER_REGION_VEHICLE: '40' },
};

/**
 * The rides the benchmarks drive, in an open model: each one created, polled until assigned,
 * then completed after 100-300 ms.
 */
export function driveRides(
  gatewayUrl: string,
  rate: number,
  durationMs: number,
  seed: number,
): Promise<Summary> {
  return runLoad({
    gatewayUrl,
    rate,
    durationMs,
    drivers: 0,
    holdMinMs: 100,
    holdMaxMs: 300,
    seed,
    progressIntervalMs: 60_000,
  });
}
