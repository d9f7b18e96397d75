import {
  hashSeed,
  REGION_CENTERS,
  REGIONS,
  seededRandom,
  VEHICLES,
  type GeoPoint,
  type Region,
  type Vehicle,
} from '@rideshare/contracts';

/** Seeded drivers are scattered up to this far from their region's center. */
export const SEED_RADIUS_KM = 6;

export interface SeedDriver {
  /** Stable identity of a seeded driver, e.g. `eu-north:car:3`, so that seeding twice adds nothing. */
  seedKey: string;
  name: string;
  vehicle: Vehicle;
  region: Region;
  location: GeoPoint;
  rating: number;
}

/** `perRegionVehicle` drivers for every region x vehicle, at deterministic places around the center. */
export function generateSeedDrivers(perRegionVehicle: number): SeedDriver[] {
  const drivers: SeedDriver[] = [];
  for (const region of REGIONS) {
    for (const vehicle of VEHICLES) {
      for (let i = 0; i < perRegionVehicle; i++) {
        const seedKey = `${region}:${vehicle}:${i}`;
        const random = seededRandom(hashSeed(seedKey));
        drivers.push({
          seedKey,
          name: `${vehicle} driver ${i + 1} (${region})`,
          vehicle,
          region,
          location: pointAround(
            REGION_CENTERS[region],
            SEED_RADIUS_KM * Math.sqrt(random()),
            random() * 2 * Math.PI,
          ),
          rating: Math.round((3.5 + random() * 1.5) * 100) / 100,
        });
      }
    }
  }
  return drivers;
}

function pointAround(center: GeoPoint, distanceKm: number, bearing: number): GeoPoint {
  const kmPerDegreeLat = 111.195;
  const kmPerDegreeLon = kmPerDegreeLat * Math.cos((center.lat * Math.PI) / 180);
  return {
    lat: center.lat + (distanceKm * Math.cos(bearing)) / kmPerDegreeLat,
    lon: center.lon + (distanceKm * Math.sin(bearing)) / kmPerDegreeLon,
  };
}
