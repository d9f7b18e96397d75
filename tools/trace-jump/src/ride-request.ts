import { randomInt, randomUUID } from 'node:crypto';
import {
  REGION_CENTERS,
  REGIONS,
  VEHICLES,
  type CreateRideRequest,
  type GeoPoint,
} from '@rideshare/contracts';

function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)] as T;
}

/** A point up to ~5 km from `centre`, rounded to 5 decimals. */
function near(centre: GeoPoint): GeoPoint {
  const jitter = () => (randomInt(-5000, 5001) / 5000) * 0.045;
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return { lat: round(centre.lat + jitter()), lon: round(centre.lon + jitter()) };
}

export function randomRideRequest(): CreateRideRequest {
  const region = pick(REGIONS);
  const centre = REGION_CENTERS[region];
  return {
    riderId: `trace-jump-${randomUUID().slice(0, 8)}`,
    vehicle: pick(VEHICLES),
    region,
    pickup: near(centre),
    dropoff: near(centre),
  };
}
