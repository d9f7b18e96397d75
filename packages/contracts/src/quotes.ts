import { z } from 'zod';
import { Currency, GeoPoint, Region, Vehicle } from './domain';

/** Body of pricing-service `POST /quotes`. */
export const QuoteRequest = z.object({
  vehicle: Vehicle,
  region: Region,
  pickup: GeoPoint,
  dropoff: GeoPoint,
});
export type QuoteRequest = z.infer<typeof QuoteRequest>;

/** A decimal number written in a query string; empty or non-numeric text is refused (no coercion to 0). */
const decimalParam = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/** Query of the public `GET /v1/quotes` (flat, decimal strings parsed to numbers). */
export const QuoteQuery = z.object({
  vehicle: Vehicle,
  region: Region,
  pickupLat: decimalParam(-90, 90),
  pickupLon: decimalParam(-180, 180),
  dropoffLat: decimalParam(-90, 90),
  dropoffLon: decimalParam(-180, 180),
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
