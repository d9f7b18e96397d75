import { randomInt, randomUUID } from 'node:crypto';
import {
  REGION_CENTERS,
  REGIONS,
  VEHICLES,
  type GeoPoint,
  type Region,
  type Vehicle,
} from '@rideshare/contracts';
import { z } from 'zod';
import { JumpError } from './exit-codes';
import { backends, endpoint, readJson, request, statusError, type Backend } from './http';

export interface RideRequest {
  riderId: string;
  vehicle: Vehicle;
  region: Region;
  pickup: GeoPoint;
  dropoff: GeoPoint;
}

const rideSchema = z.object({ id: z.string().min(1), status: z.string() });
export type RideSummary = z.infer<typeof rideSchema>;

function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)] as T;
}

/** A point up to ~5 km from `centre`, rounded to 5 decimals. */
function near(centre: GeoPoint): GeoPoint {
  const jitter = () => (randomInt(-5000, 5001) / 5000) * 0.045;
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return { lat: round(centre.lat + jitter()), lon: round(centre.lon + jitter()) };
}

export function randomRideRequest(): RideRequest {
  const region = pick(REGIONS);
  const centre = REGION_CENTERS[region];
  return {
    riderId: `trace-jump-${randomUUID().slice(0, 8)}`,
    vehicle: pick(VEHICLES),
    region,
    pickup: near(centre),
    dropoff: near(centre),
  };
}

export class GatewayClient {
  private readonly backend: Backend;

  constructor(baseUrl: string) {
    this.backend = backends.gateway(baseUrl);
  }

  /** `POST /v1/rides` under the caller's trace context. */
  async requestRide(ride: RideRequest, traceparent: string): Promise<RideSummary> {
    const response = await request(this.backend, endpoint(this.backend.baseUrl, '/v1/rides'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(ride),
    });
    if (response.status !== 202) throw await statusError(this.backend, response);
    return this.parseRide(await readJson(this.backend, response));
  }

  /** `GET /v1/rides/:id`. */
  async getRide(id: string): Promise<RideSummary> {
    const response = await request(
      this.backend,
      endpoint(this.backend.baseUrl, `/v1/rides/${encodeURIComponent(id)}`),
    );
    if (!response.ok) throw await statusError(this.backend, response);
    return this.parseRide(await readJson(this.backend, response));
  }

  private parseRide(body: unknown): RideSummary {
    const parsed = rideSchema.safeParse(body);
    if (!parsed.success)
      throw new JumpError(
        this.backend.exitCode,
        'api-gateway answered with a body that is not a ride',
      );
    return parsed.data;
  }
}
