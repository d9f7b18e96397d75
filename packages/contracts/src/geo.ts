import type { GeoPoint, Region } from './domain';

/** Mean Earth radius (IUGG), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;

/** The city each region is modelled on: drivers are seeded, road graphs generated and rides requested around it. */
export const REGION_CENTERS: Readonly<Record<Region, GeoPoint>> = {
  'us-east': { lat: 40.7128, lon: -74.006 },
  'eu-north': { lat: 59.3293, lon: 18.0686 },
  'ap-south': { lat: 19.076, lon: 72.8777 },
};

/** Great-circle distance in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
