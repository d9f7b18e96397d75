import { randomUUID } from 'node:crypto';
import {
  createEvent,
  type Region,
  type RideRequestedEvent,
  type Vehicle,
} from '@rideshare/contracts';

export function rideRequested(region: Region, vehicle: Vehicle = 'car'): RideRequestedEvent {
  return createEvent('ride.requested', {
    rideId: randomUUID(),
    riderId: `rider-${randomUUID().slice(0, 8)}`,
    vehicle,
    region,
    pickup: { lat: 59.33, lon: 18.06 },
    dropoff: { lat: 59.35, lon: 18.1 },
    fareCents: 1234,
  });
}
