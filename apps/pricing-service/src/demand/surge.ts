export const MIN_SURGE = 1;
export const MAX_SURGE = 3;
/** Open rides a region absorbs before prices rise. */
export const SURGE_FREE_OPEN_RIDES = 5;
/** Multiplier added per open ride beyond the free ones. */
export const SURGE_STEP_PER_RIDE = 0.05;

/** Surge multiplier from a region's open rides, bounded to [MIN_SURGE, MAX_SURGE], two decimals. */
export function surgeMultiplier(openRides: number): number {
  const excess = Math.max(0, openRides - SURGE_FREE_OPEN_RIDES);
  const raw = MIN_SURGE + excess * SURGE_STEP_PER_RIDE;
  return Math.round(Math.min(MAX_SURGE, Math.max(MIN_SURGE, raw)) * 100) / 100;
}
