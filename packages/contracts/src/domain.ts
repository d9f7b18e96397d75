import { z } from 'zod';

export const VEHICLES = ['bike', 'scooter', 'car'] as const;
export const Vehicle = z.enum(VEHICLES);
export type Vehicle = z.infer<typeof Vehicle>;

export const REGIONS = ['us-east', 'eu-north', 'ap-south'] as const;
export const Region = z.enum(REGIONS);
export type Region = z.infer<typeof Region>;

export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** Route params of the form `/:id` where the id is a UUID (rides, drivers). */
export const IdParam = z.object({ id: z.uuid() });
export type IdParam = z.infer<typeof IdParam>;

export const RiderId = z.string().min(1).max(64);
export const DriverId = z.string().min(1).max(64);
export const IdempotencyKey = z.string().min(1).max(128);

export const Currency = z.literal('USD');
export type Currency = z.infer<typeof Currency>;

/** ISO-8601 UTC timestamp, as produced by `Date.prototype.toISOString()`. */
export const Timestamp = z.iso.datetime();
