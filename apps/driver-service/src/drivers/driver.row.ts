import type { Driver, DriverStatus, Region, Vehicle } from '@rideshare/contracts';

/** A `drivers` row as `pg` returns it. */
export interface DriverRow {
  id: string;
  name: string;
  vehicle: Vehicle;
  region: Region;
  lat: number;
  lon: number;
  rating: number;
  status: DriverStatus;
  ride_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export const DRIVER_COLUMNS =
  'id, name, vehicle, region, lat, lon, rating, status, ride_id, created_at, updated_at';

export function toDriver(row: DriverRow): Driver {
  return {
    id: row.id,
    name: row.name,
    vehicle: row.vehicle,
    region: row.region,
    location: { lat: row.lat, lon: row.lon },
    status: row.status,
    rideId: row.ride_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
