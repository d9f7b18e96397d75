/**
 * Open-model arrival schedule: ride i starts at i / rate seconds after the
 * start, whatever happened to the rides before it. A slow gateway therefore
 * sees rides pile up instead of the generator politely slowing down.
 */

/** Guards `ceil` against floating-point noise such as 0.1 * 30 = 3.0000000000000004. */
const EPSILON = 1e-9;

/** Number of arrivals of a run: `rides` when given, else every arrival that falls inside `durationMs`. */
export function plannedRideCount(
  rate: number,
  limit: { rides?: number; durationMs?: number },
): number {
  if (limit.rides !== undefined) return limit.rides;
  if (limit.durationMs === undefined) throw new Error('plannedRideCount needs rides or durationMs');
  // Arrivals at 0, 1/rate, 2/rate, ... strictly before the end of the run.
  return Math.max(0, Math.ceil((rate * limit.durationMs) / 1000 - EPSILON));
}

/** Milliseconds from the start of the run at which ride `index` (0-based) is due. */
export function arrivalOffsetMs(index: number, rate: number): number {
  return (index * 1000) / rate;
}

/** The whole schedule; `count` offsets in ascending order. */
export function* arrivalSchedule(rate: number, count: number): Generator<number> {
  for (let index = 0; index < count; index++) yield arrivalOffsetMs(index, rate);
}
