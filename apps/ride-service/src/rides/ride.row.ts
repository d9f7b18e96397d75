import type { CreateRideRequest, Region, Ride, RideStatus, Vehicle } from '@rideshare/contracts';

/** A `rides` table row as pg returns it. */
export interface RideRow {
  id: string;
  rider_id: string;
  vehicle: Vehicle;
  region: Region;
  pickup_lat: number;
  pickup_lon: number;
  dropoff_lat: number;
  dropoff_lon: number;
  status: RideStatus;
  driver_id: string | null;
  fare_cents: number;
  currency: 'USD';
  unassigned_reason: string | null;
  idempotency_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toRide(row: RideRow): Ride {
  return {
    id: row.id,
    riderId: row.rider_id,
    vehicle: row.vehicle,
    region: row.region,
    pickup: { lat: row.pickup_lat, lon: row.pickup_lon },
    dropoff: { lat: row.dropoff_lat, lon: row.dropoff_lon },
    status: row.status,
    driverId: row.driver_id,
    fare: { amountCents: row.fare_cents, currency: row.currency },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** True when a stored ride was created from the same request (same rider, vehicle, region, points). */
export function sameRequest(row: RideRow, request: CreateRideRequest): boolean {
  return (
    row.rider_id === request.riderId &&
    row.vehicle === request.vehicle &&
    row.region === request.region &&
    row.pickup_lat === request.pickup.lat &&
    row.pickup_lon === request.pickup.lon &&
    row.dropoff_lat === request.dropoff.lat &&
    row.dropoff_lon === request.dropoff.lon
  );
}
