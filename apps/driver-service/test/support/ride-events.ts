import { randomUUID } from 'node:crypto';
import {
  createEvent,
  REGION_CENTERS,
  type GeoPoint,
  type Region,
  type RideCompletedEvent,
  type RideRequestedEvent,
  type Vehicle,
} from '@rideshare/contracts';

export function rideRequested(
  region: Region,
  vehicle: Vehicle,
  dropoff: GeoPoint = { lat: REGION_CENTERS[region].lat + 0.02, lon: REGION_CENTERS[region].lon },
): RideRequestedEvent {
  return createEvent('ride.requested', {
    rideId: randomUUID(),
    riderId: `rider-${randomUUID().slice(0, 8)}`,
    vehicle,
    region,
    pickup: REGION_CENTERS[region],
    dropoff,
    fareCents: 1500,
  });
}

export function rideCompleted(requested: RideRequestedEvent, driverId: string): RideCompletedEvent {
  return createEvent('ride.completed', {
    rideId: requested.data.rideId,
    driverId,
    region: requested.data.region,
    vehicle: requested.data.vehicle,
  });
}
