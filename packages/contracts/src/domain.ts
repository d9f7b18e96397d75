import { z } from 'zod';

export const VEHICLES = ['bike', 'scooter', 'car'] as const;
export const Vehicle = z.enum(VEHICLES);
export type Vehicle = z.infer<typeof Vehicle>;

export const REGIONS = ['us-east', 'eu-north', 'ap-south'] as const;
export const Region = z.enum(REGIONS);
export type Region = z.infer<typeof Region>;

/**
 * Text PostgreSQL can store: no NUL character and no unpaired UTF-16 surrogate (valid pairs,
 * e.g. emoji, are fine). As a JSON Schema `pattern` (ECMA-262, Unicode mode) it is documented too.
 */
export function storableText(min: number, max: number, options: { trim?: boolean } = {}) {
  return (
    (options.trim ? z.string().trim() : z.string())
      .min(min)
      .max(max)
      // eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
      .regex(/^[^\u0000\uD800-\uDFFF]*$/u, 'must not contain NUL or unpaired surrogate characters')
  );
}

/** A point on earth; unknown fields are refused, like in every request body. */
export const GeoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** Route params of the form `/:id` where the id is a UUID (rides, drivers). */
export const IdParam = z.strictObject({ id: z.uuid() });
export type IdParam = z.infer<typeof IdParam>;

export const RiderId = storableText(1, 64);
export const DriverId = storableText(1, 64);
export const IdempotencyKey = storableText(1, 128);

export const Currency = z.literal('USD');
export type Currency = z.infer<typeof Currency>;

/** ISO-8601 UTC timestamp, as produced by `Date.prototype.toISOString()`. */
export const Timestamp = z.iso.datetime();
