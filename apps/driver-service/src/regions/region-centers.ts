import type { GeoPoint, Region } from '@rideshare/contracts';

/** The city each region's drivers are seeded around. */
export const REGION_CENTERS: Record<Region, GeoPoint> = {
  'us-east': { lat: 40.7128, lon: -74.006 },
  'eu-north': { lat: 59.3293, lon: 18.0686 },
  'ap-south': { lat: 19.076, lon: 72.8777 },
};
