import type { Vehicle } from '@rideshare/contracts';

export interface FareTable {
  baseCents: number;
  perKmCents: number;
  perMinuteCents: number;
  minimumCents: number;
}

export const FARE_TABLES: Record<Vehicle, FareTable> = {
  car: { baseCents: 250, perKmCents: 120, perMinuteCents: 30, minimumCents: 500 },
  scooter: { baseCents: 100, perKmCents: 60, perMinuteCents: 15, minimumCents: 300 },
  bike: { baseCents: 50, perKmCents: 40, perMinuteCents: 10, minimumCents: 200 },
};

/** Fare in whole cents: base + distance + time, at least the minimum, times the surge. */
export function computeFareCents(
  vehicle: Vehicle,
  distanceKm: number,
  etaSeconds: number,
  surgeMultiplier: number,
): number {
  if (!(distanceKm >= 0) || !(etaSeconds >= 0))
    throw new RangeError('distance and ETA must be non-negative');
  if (!(surgeMultiplier >= 1)) throw new RangeError('surge multiplier must be >= 1');
  const table = FARE_TABLES[vehicle];
  const metered =
    table.baseCents + table.perKmCents * distanceKm + table.perMinuteCents * (etaSeconds / 60);
  return Math.round(Math.max(table.minimumCents, metered) * surgeMultiplier);
}
