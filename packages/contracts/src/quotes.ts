import { z } from 'zod';
import { Currency, GeoPoint, Region, Vehicle } from './domain';

/** Body of pricing-service `POST /quotes`; unknown fields are refused. */
export const QuoteRequest = z.strictObject({
  vehicle: Vehicle,
  region: Region,
  pickup: GeoPoint,
  dropoff: GeoPoint,
});
export type QuoteRequest = z.infer<typeof QuoteRequest>;

/**
 * A number written in a query string (`59.33`, `-74`, `1e-7`); empty or non-numeric text is
 * refused (no coercion to 0). Documented as what it is on the wire for OpenAPI: a number
 * parameter in [min, max].
 */
const numberParam = (min: number, max: number) =>
  z
    .string({ error: 'a number is required' })
    .regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .meta({ type: 'number', minimum: min, maximum: max, pattern: undefined });

/** Query of the public `GET /v1/quotes` (flat, numbers parsed from their text); unknown parameters are refused. */
export const QuoteQuery = z.strictObject({
  vehicle: Vehicle,
  region: Region,
  pickupLat: numberParam(-90, 90),
  pickupLon: numberParam(-180, 180),
  dropoffLat: numberParam(-90, 90),
  dropoffLon: numberParam(-180, 180),
});
export type QuoteQuery = z.infer<typeof QuoteQuery>;

export function quoteQueryToRequest(query: QuoteQuery): QuoteRequest {
  return {
    vehicle: query.vehicle,
    region: query.region,
    pickup: { lat: query.pickupLat, lon: query.pickupLon },
    dropoff: { lat: query.dropoffLat, lon: query.dropoffLon },
  };
}

export const Quote = z.object({
  vehicle: Vehicle,
  region: Region,
  distanceKm: z.number().nonnegative(),
  etaSeconds: z.number().int().nonnegative(),
  surgeMultiplier: z.number().positive(),
  amountCents: z.number().int().nonnegative(),
  currency: Currency,
});
export type Quote = z.infer<typeof Quote>;
