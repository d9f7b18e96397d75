import { z } from 'zod';
import { DriverId, GeoPoint, Region, storableText, Timestamp, Vehicle } from './domain';

export const DRIVER_STATUSES = ['AVAILABLE', 'ON_RIDE'] as const;
export const DriverStatus = z.enum(DRIVER_STATUSES);
export type DriverStatus = z.infer<typeof DriverStatus>;

/** Body of `POST /v1/drivers` (gateway) and driver-service `POST /drivers`; unknown fields are refused. */
export const CreateDriverRequest = z.strictObject({
  name: storableText(1, 100, { trim: true }),
  vehicle: Vehicle,
  region: Region,
  location: GeoPoint,
});
export type CreateDriverRequest = z.infer<typeof CreateDriverRequest>;

/** Body of `PUT /v1/drivers/:id/location`. */
export const UpdateLocationRequest = GeoPoint;
export type UpdateLocationRequest = z.infer<typeof UpdateLocationRequest>;

export const Driver = z.object({
  id: DriverId,
  name: z.string(),
  vehicle: Vehicle,
  region: Region,
  location: GeoPoint,
  status: DriverStatus,
  /** The ride the driver is reserved for while ON_RIDE, else null. */
  rideId: z.uuid().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Driver = z.infer<typeof Driver>;
