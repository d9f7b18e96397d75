import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { JumpError } from './exit-codes';
import { backends, endpoint, readJson, request, statusError, type Backend } from './http';

const VEHICLES = ['bike', 'scooter', 'car'] as const;
const REGION_CENTRES = {
  'us-east': { lat: 40.7128, lon: -74.006 },
  'eu-north': { lat: 59.3293, lon: 18.0686 },
  'ap-south': { lat: 19.076, lon: 72.8777 },
} as const;
type Region = keyof typeof REGION_CENTRES;

export interface RideRequest {
  riderId: string;
  vehicle: (typeof VEHICLES)[number];
  region: Region;
  pickup: { lat: number; lon: number };
  dropoff: { lat: number; lon: number };
}

const rideSchema = z.object({ id: z.string().min(1), status: z.string() });
export type RideSummary = z.infer<typeof rideSchema>;

function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)] as T;
}

/** A point up to ~5 km from `centre`, rounded to 5 decimals. */
function near(centre: { lat: number; lon: number }): { lat: number; lon: number } {
  const jitter = () => (randomInt(-5000, 5001) / 5000) * 0.045;
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  return { lat: round(centre.lat + jitter()), lon: round(centre.lon + jitter()) };
}

export function randomRideRequest(): RideRequest {
  const region = pick(Object.keys(REGION_CENTRES) as Region[]);
  const centre = REGION_CENTRES[region];
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
