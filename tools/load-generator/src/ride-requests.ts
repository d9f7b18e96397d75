import {
  REGION_CENTERS,
  REGIONS,
  VEHICLES,
  type CreateDriverRequest,
  type CreateRideRequest,
  type GeoPoint,
  type Random,
  type Vehicle,
} from '@rideshare/contracts';
import { between, pick } from './random';

/** About 5 km in degrees of latitude. */
const SPREAD_DEGREES = 0.045;

/** A point within ~5 km of `center`, rounded to 5 decimals (~1 m). */
export function pointNear(random: Random, center: GeoPoint): GeoPoint {
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return {
    lat: round(center.lat + between(random, -SPREAD_DEGREES, SPREAD_DEGREES)),
    lon: round(center.lon + between(random, -SPREAD_DEGREES, SPREAD_DEGREES)),
  };
}

/** A ride of a random vehicle in a random region, pickup and dropoff in that region. */
export function randomRideRequest(random: Random, riderNumber: number): CreateRideRequest {
  const region = pick(random, REGIONS);
  const center = REGION_CENTERS[region];
  return {
    riderId: `loadgen-rider-${riderNumber}`,
    vehicle: pick(random, VEHICLES),
    region,
    pickup: pointNear(random, center),
    dropoff: pointNear(random, center),
  };
}

/** `perCombination` drivers for every vehicle in every region, placed near the region's centre. */
export function driverFleet(
  random: Random,
  perCombination: number,
  runId: string,
): CreateDriverRequest[] {
  const fleet: CreateDriverRequest[] = [];
  for (const region of REGIONS) {
    for (const vehicle of VEHICLES) {
      for (let index = 1; index <= perCombination; index++) {
        fleet.push({
          name: `loadgen ${runId} ${vehicle} ${region} #${index}`,
          vehicle: vehicle as Vehicle,
          region,
          location: pointNear(random, REGION_CENTERS[region]),
        });
      }
    }
  }
  return fleet;
}
