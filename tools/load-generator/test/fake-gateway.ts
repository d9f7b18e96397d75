import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateDriverRequest,
  CreateRideRequest,
  type Ride,
  type RideStatus,
} from '@rideshare/contracts';

/**
 * A real HTTP server that answers like the api-gateway's public API, with
 * outcomes decided by simple rules so that a test can predict and tally them:
 * - every `rejectEvery`-th POST /v1/rides gets 503 with `Retry-After: 0`;
 * - a POST /v1/rides with an Idempotency-Key seen before returns that ride;
 * - a ride's fate is decided by `fate(ride)`: ASSIGNED or NO_DRIVER after
 *   `polls` GETs, or STUCK (REQUESTED forever);
 * - every `failPollEvery`-th GET answers 500 once (the ride is unchanged);
 * - complete turns ASSIGNED into COMPLETED, anything else gets 409.
 */
export interface FakeGatewayRules {
  rejectEvery?: number;
  /** Every `dropEvery`-th POST /v1/rides: the connection is closed without an answer. */
  dropEvery?: number;
  failPollEvery?: number;
  fate?: (ride: CreateRideRequest) => { status: 'ASSIGNED' | 'NO_DRIVER'; polls: number } | 'STUCK';
  /** Called for every POST /v1/rides received (before answering). */
  onCreateRide?: (count: number) => void;
}

interface StoredRide {
  ride: Ride;
  fate: ReturnType<NonNullable<FakeGatewayRules['fate']>>;
  polls: number;
}

export interface FakeGatewayTally {
  /** Requests received per route, keyed like the generator's endpoints. */
  requests: Record<string, number>;
  /** Answers sent per route and status code. */
  answers: Record<string, Record<string, number>>;
  /** POST /v1/rides without an Idempotency-Key header. */
  missingIdempotencyKeys: number;
  /** Bodies that failed the contract's schema (answered 400). */
  invalidBodies: number;
  driversCreated: number;
  /** POST /v1/rides whose connection was closed without an answer. */
  dropped: number;
  /** Distinct `x-request-budget-ms` values received. */
  budgets: Set<string>;
  /** Rides created per Idempotency-Key (a retry must never make it 2). */
  ridesPerKey: Map<string, number>;
}

export class FakeGateway {
  readonly tally: FakeGatewayTally = {
    requests: {},
    answers: {},
    missingIdempotencyKeys: 0,
    invalidBodies: 0,
    driversCreated: 0,
    ridesPerKey: new Map(),
    budgets: new Set(),
    dropped: 0,
  };
  private readonly rideByKey = new Map<string, Ride>();
  private readonly rides = new Map<string, StoredRide>();
  private readonly server: Server;
  private createCount = 0;
  private pollCount = 0;

  private constructor(private readonly rules: FakeGatewayRules) {
    this.server = createServer((request, response) => {
      const budget = request.headers['x-request-budget-ms'];
      this.tally.budgets.add(typeof budget === 'string' ? budget : 'missing');
      void this.handle(request, response);
    });
  }

  static async start(rules: FakeGatewayRules = {}): Promise<FakeGateway> {
    const gateway = new FakeGateway(rules);
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    return gateway;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Final status of every ride the fake created. */
  statusCounts(): Record<RideStatus, number> {
    const counts: Record<RideStatus, number> = {
      REQUESTED: 0,
      ASSIGNED: 0,
      NO_DRIVER: 0,
      COMPLETED: 0,
    };
    for (const { ride } of this.rides.values()) counts[ride.status] += 1;
    return counts;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const rideMatch = /^\/v1\/rides\/([^/]+)(\/complete)?$/.exec(path);

    if (request.method === 'POST' && path === '/v1/drivers')
      return this.createDriver(body, response);
    if (request.method === 'POST' && path === '/v1/rides')
      return this.createRide(request, body, response);
    if (request.method === 'GET' && rideMatch && !rideMatch[2])
      return this.getRide(rideMatch[1] ?? '', response);
    if (request.method === 'POST' && rideMatch?.[2])
      return this.completeRide(rideMatch[1] ?? '', response);
    this.answer(
      response,
      `${request.method} ${path}`,
      404,
      error(404, 'Not Found', 'no such route'),
    );
  }

  private createDriver(body: unknown, response: ServerResponse): void {
    const route = 'POST /v1/drivers';
    const parsed = CreateDriverRequest.safeParse(body);
    if (!parsed.success) return this.invalid(response, route);
    this.tally.driversCreated += 1;
    const now = new Date().toISOString();
    this.answer(response, route, 201, {
      id: randomUUID(),
      ...parsed.data,
      status: 'AVAILABLE',
      rideId: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  private createRide(request: IncomingMessage, body: unknown, response: ServerResponse): void {
    const route = 'POST /v1/rides';
    this.createCount += 1;
    this.rules.onCreateRide?.(this.createCount);
    if (!request.headers['idempotency-key']) this.tally.missingIdempotencyKeys += 1;
    const parsed = CreateRideRequest.safeParse(body);
    if (!parsed.success) return this.invalid(response, route);
    if (this.rules.dropEvery && this.createCount % this.rules.dropEvery === 0) {
      this.tally.dropped += 1;
      request.socket.destroy();
      return;
    }
    if (this.rules.rejectEvery && this.createCount % this.rules.rejectEvery === 0) {
      return this.answer(
        response,
        route,
        503,
        error(503, 'Service Unavailable', 'ride-service is unavailable'),
        { 'retry-after': '0' },
      );
    }
    const key = request.headers['idempotency-key'];
    const known = typeof key === 'string' ? this.rideByKey.get(key) : undefined;
    if (known) return this.answer(response, route, 202, known);
    const now = new Date().toISOString();
    const ride: Ride = {
      id: randomUUID(),
      ...parsed.data,
      status: 'REQUESTED',
      driverId: null,
      fare: { amountCents: 1234, currency: 'USD' },
      createdAt: now,
      updatedAt: now,
    };
    const fate = this.rules.fate?.(parsed.data) ?? { status: 'ASSIGNED', polls: 1 };
    this.rides.set(ride.id, { ride, fate, polls: 0 });
    if (typeof key === 'string') {
      this.rideByKey.set(key, ride);
      this.tally.ridesPerKey.set(key, (this.tally.ridesPerKey.get(key) ?? 0) + 1);
    }
    this.answer(response, route, 202, ride);
  }

  private getRide(id: string, response: ServerResponse): void {
    const route = 'GET /v1/rides/:id';
    this.pollCount += 1;
    if (this.rules.failPollEvery && this.pollCount % this.rules.failPollEvery === 0) {
      return this.answer(response, route, 500, error(500, 'Internal Server Error', 'try again'));
    }
    const stored = this.rides.get(id);
    if (!stored)
      return this.answer(response, route, 404, error(404, 'Not Found', `ride ${id} not found`));
    stored.polls += 1;
    if (
      stored.fate !== 'STUCK' &&
      stored.ride.status === 'REQUESTED' &&
      stored.polls >= stored.fate.polls
    ) {
      stored.ride = {
        ...stored.ride,
        status: stored.fate.status,
        driverId: stored.fate.status === 'ASSIGNED' ? `driver-${stored.ride.id.slice(0, 8)}` : null,
        updatedAt: new Date().toISOString(),
      };
    }
    this.answer(response, route, 200, stored.ride);
  }

  private completeRide(id: string, response: ServerResponse): void {
    const route = 'POST /v1/rides/:id/complete';
    const stored = this.rides.get(id);
    if (!stored)
      return this.answer(response, route, 404, error(404, 'Not Found', `ride ${id} not found`));
    if (stored.ride.status !== 'ASSIGNED') {
      return this.answer(
        response,
        route,
        409,
        error(409, 'Conflict', `ride is ${stored.ride.status}`),
      );
    }
    stored.ride = { ...stored.ride, status: 'COMPLETED', updatedAt: new Date().toISOString() };
    this.answer(response, route, 200, stored.ride);
  }

  private invalid(response: ServerResponse, route: string): void {
    this.tally.invalidBodies += 1;
    this.answer(response, route, 400, error(400, 'Bad Request', 'invalid body'));
  }

  private answer(
    response: ServerResponse,
    route: string,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    this.tally.requests[route] = (this.tally.requests[route] ?? 0) + 1;
    const answers = (this.tally.answers[route] ??= {});
    answers[String(status)] = (answers[String(status)] ?? 0) + 1;
    response
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
  }
}

function error(statusCode: number, name: string, message: string) {
  return { statusCode, error: name, message };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
