import { randomUUID } from 'node:crypto';
import { startServer, sendJson, type RunningServer } from './http-server';

export interface RecordedRideRequest {
  traceparent: string | undefined;
  idempotencyKey: string | undefined;
  body: {
    riderId: string;
    vehicle: string;
    region: string;
    pickup: { lat: number; lon: number };
    dropoff: { lat: number; lon: number };
  };
}

/**
 * The public gateway's ride endpoints: `POST /v1/rides` -> 202 REQUESTED,
 * `GET /v1/rides/:id` -> ASSIGNED from the `assignedAfterGets`-th read on.
 */
export class FakeGateway {
  readonly rideRequests: RecordedRideRequest[] = [];
  readonly rideReads: string[] = [];
  private server: RunningServer | undefined;

  constructor(
    private readonly options: {
      assignedAfterGets: number;
      onRide?: (request: RecordedRideRequest) => void;
    },
  ) {}

  get url(): string {
    if (!this.server) throw new Error('FakeGateway not started');
    return this.server.url;
  }

  async start(): Promise<this> {
    const rides = new Map<string, { ride: Record<string, unknown>; reads: number }>();
    this.server = await startServer((request, rawBody, response) => {
      const path = new URL(request.url ?? '/', 'http://gateway').pathname;
      if (request.method === 'POST' && path === '/v1/rides') {
        const recorded: RecordedRideRequest = {
          traceparent: request.headers.traceparent as string | undefined,
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
          body: JSON.parse(rawBody) as RecordedRideRequest['body'],
        };
        this.rideRequests.push(recorded);
        this.options.onRide?.(recorded);
        const now = new Date().toISOString();
        const ride = {
          id: randomUUID(),
          ...recorded.body,
          status: 'REQUESTED',
          driverId: null,
          fare: { amountCents: 1234, currency: 'USD' },
          createdAt: now,
          updatedAt: now,
        };
        rides.set(ride.id, { ride, reads: 0 });
        return sendJson(response, 202, ride);
      }
      const match = /^\/v1\/rides\/([^/]+)$/.exec(path);
      const stored = match && request.method === 'GET' ? rides.get(match[1] ?? '') : undefined;
      if (stored) {
        this.rideReads.push(stored.ride.id as string);
        stored.reads++;
        const assigned = stored.reads >= this.options.assignedAfterGets;
        return sendJson(response, 200, {
          ...stored.ride,
          status: assigned ? 'ASSIGNED' : 'REQUESTED',
          driverId: assigned ? 'driver-1' : null,
        });
      }
      sendJson(response, 404, {
        statusCode: 404,
        error: 'Not Found',
        message: `no route ${request.method} ${path}`,
      });
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}
