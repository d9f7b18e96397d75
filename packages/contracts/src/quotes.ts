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

/** Query of the public `GET /v1/quotes` (flat, strings coerced to numbers). */
export const QuoteQuery = z.object({
  vehicle: Vehicle,
  region: Region,
  pickupLat: z.coerce.number().min(-90).max(90),
  pickupLon: z.coerce.number().min(-180).max(180),
  dropoffLat: z.coerce.number().min(-90).max(90),
  dropoffLon: z.coerce.number().min(-180).max(180),
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
