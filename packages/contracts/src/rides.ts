import { z } from 'zod';
import {
  Currency,
  DriverId,
  GeoPoint,
  IdempotencyKey,
  Region,
  RiderId,
  Timestamp,
  Vehicle,
} from './domain';

export const RIDE_STATUSES = ['REQUESTED', 'ASSIGNED', 'NO_DRIVER', 'COMPLETED'] as const;
export const RideStatus = z.enum(RIDE_STATUSES);
export type RideStatus = z.infer<typeof RideStatus>;

/** Public body of `POST /v1/rides` (gateway); unknown fields are refused. */
export const CreateRideRequest = z.strictObject({
  riderId: RiderId,
  vehicle: Vehicle,
  region: Region,
  pickup: GeoPoint,
  dropoff: GeoPoint,
});
export type CreateRideRequest = z.infer<typeof CreateRideRequest>;

/** Internal body of ride-service `POST /rides`: the public body plus the gateway's Idempotency-Key. */
export const CreateRideCommand = CreateRideRequest.extend({
  idempotencyKey: IdempotencyKey.optional(),
});
export type CreateRideCommand = z.infer<typeof CreateRideCommand>;

export const Fare = z.object({
  amountCents: z.number().int().nonnegative(),
  currency: Currency,
});
export type Fare = z.infer<typeof Fare>;

export const Ride = z.object({
  id: z.uuid(),
  riderId: RiderId,
  vehicle: Vehicle,
  region: Region,
  pickup: GeoPoint,
  dropoff: GeoPoint,
  status: RideStatus,
  driverId: DriverId.nullable(),
  fare: Fare,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Ride = z.infer<typeof Ride>;
