import { randomUUID } from 'node:crypto';
import type {
  CreateDriverRequest,
  ErrorBody,
  CreateRideRequest,
  Driver,
  Quote,
  QuoteRequest,
  Ride,
} from '@rideshare/contracts';

export const rideRequest: CreateRideRequest = {
  riderId: 'rider-42',
  vehicle: 'car',
  region: 'eu-north',
  pickup: { lat: 59.3293, lon: 18.0686 },
  dropoff: { lat: 59.3498, lon: 18.0707 },
};

export const driverRequest: CreateDriverRequest = {
  name: 'Ada',
  vehicle: 'bike',
  region: 'us-east',
  location: { lat: 40.7128, lon: -74.006 },
};

export function rideFrom(request: CreateRideRequest, overrides: Partial<Ride> = {}): Ride {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    ...request,
    status: 'REQUESTED',
    driverId: null,
    fare: { amountCents: 1234, currency: 'USD' },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function driverFrom(request: CreateDriverRequest, overrides: Partial<Driver> = {}): Driver {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    ...request,
    status: 'AVAILABLE',
    rideId: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function quoteFor(request: QuoteRequest): Quote {
  return {
    vehicle: request.vehicle,
    region: request.region,
    distanceKm: 2.3,
    etaSeconds: 420,
    surgeMultiplier: 1.2,
    amountCents: 1530,
    currency: 'USD',
  };
}

/** The gateway's 503: an internal service busy, unreachable or out of time (retry after Retry-After). */
export function unavailable(message: string): ErrorBody {
  return { statusCode: 503, error: 'Service Unavailable', message, issues: [] };
}
