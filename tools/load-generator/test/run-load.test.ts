import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../src';
import { FakeGateway } from './fake-gateway';

let gateway: FakeGateway | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
});

/** Short holds and generous deadlines: the run is fast, and no ride misses its deadline by accident. */
const quick = { holdMinMs: 0, holdMaxMs: 20, rideTimeoutMs: 3000, progressIntervalMs: 100 };

describe('runLoad against a gateway over real HTTP', () => {
  it('counts every request, ride outcome and error exactly as the gateway saw them', async () => {
    gateway = await FakeGateway.start({
      rejectEvery: 6,
      failPollEvery: 9,
      fate: (ride) => {
        if (ride.vehicle === 'bike') return { status: 'NO_DRIVER', polls: 1 };
        if (ride.vehicle === 'scooter' && ride.region === 'ap-south') return 'STUCK';
        return { status: 'ASSIGNED', polls: ride.vehicle === 'car' ? 1 : 2 };
      },
    });

    const summary = await runLoad({
      ...quick,
      gatewayUrl: gateway.url,
      rate: 50,
      rides: 40,
      drivers: 2,
      seed: 1,
    });
    const tally = gateway.tally;
    const created = gateway.statusCounts();
    const shed = tally.answers['POST /v1/rides']?.['503'] ?? 0;
    const accepted = tally.answers['POST /v1/rides']?.['202'] ?? 0;
    const failedPolls = tally.answers['GET /v1/rides/:id']?.['500'] ?? 0;

    // The seed gives a mix with every kind of outcome, so each assertion below means something.
    expect(shed).toBeGreaterThan(0);
    expect(failedPolls).toBeGreaterThan(0);
    expect(created.COMPLETED).toBeGreaterThan(0);
    expect(created.NO_DRIVER).toBeGreaterThan(0);
    expect(created.REQUESTED).toBeGreaterThan(0);

    // Requests: the generator's counts are the server's counts, per endpoint and status.
    expect(tally.invalidBodies).toBe(0);
    expect(tally.missingIdempotencyKeys).toBe(0);
    // Each call asks the gateway to answer within 80 % of the generator's 10 s timeout.
    expect(tally.budgets).toEqual(new Set(['8000']));
    expect(summary.requests.byEndpoint['POST /v1/drivers']).toEqual({
      count: 18,
      statuses: { '201': 18 },
    });
    // Every 503 (Retry-After: 0) was retried with the same key until accepted.
    expect(summary.requests.byEndpoint['POST /v1/rides']).toEqual({
      count: 40 + shed,
      statuses: tally.answers['POST /v1/rides'],
    });
    expect(accepted).toBe(40);
    expect([...tally.ridesPerKey.values()]).toEqual(Array.from({ length: 40 }, () => 1));
    expect(summary.requests.byEndpoint['GET /v1/rides/:id']).toEqual({
      count: tally.requests['GET /v1/rides/:id'],
      statuses: tally.answers['GET /v1/rides/:id'],
    });
    expect(summary.requests.byEndpoint['POST /v1/rides/:id/complete']).toEqual({
      count: created.COMPLETED,
      statuses: { '200': created.COMPLETED },
    });
    const serverTotal = Object.values(tally.requests).reduce((sum, count) => sum + count, 0);
    expect(summary.requests.total).toBe(serverTotal);

    // Rides: every accepted ride ends as the server has it; stuck ones stay REQUESTED.
    expect(summary.drivers).toEqual({ requested: 18, registered: 18 });
    expect(summary.rides).toMatchObject({
      planned: 40,
      sent: 40,
      accepted: 40,
      rejected: 0,
      skipped: 0,
      shed,
    });
    expect(summary.rides.acceptedAfterRetry).toBeGreaterThan(0);
    expect(summary.rides.acceptedAfterRetry).toBeLessThanOrEqual(shed);
    expect(Object.values(summary.rides.byVehicle).reduce((a, b) => a + b, 0)).toBe(40);
    expect(Object.values(summary.rides.byRegion).reduce((a, b) => a + b, 0)).toBe(40);
    expect(summary.finalStatus).toEqual(created);
    expect(created.ASSIGNED).toBe(0);

    // Errors by kind: 500s while polling, stuck rides past their deadline; a 503 that a retry
    // turned into a ride is no error.
    expect(summary.errors.byKind).toEqual({
      http_500: failedPolls,
      ride_deadline: created.REQUESTED,
    });
    expect(summary.errors.total).toBe(failedPolls + created.REQUESTED);
    expect(summary.errors.firstMessage).toMatchObject({
      http_500: 'GET /v1/rides/:id: try again',
    });

    // Latency samples: one per accepted ride, one per ride seen ASSIGNED.
    expect(summary.latencyMs.createRide.count).toBe(accepted);
    expect(summary.latencyMs.requestToAssigned.count).toBe(created.COMPLETED);
    const { p50, p90, p99, max } = summary.latencyMs.createRide;
    expect(p50).not.toBeNull();
    expect(p50! <= p90! && p90! <= p99! && p99! <= max!).toBe(true);
    expect(summary.stoppedEarly).toBe(false);
  });

  it('retries a ride shed with 503 after Retry-After until its deadline, then counts it rejected', async () => {
    gateway = await FakeGateway.start({ rejectEvery: 1 });

    const summary = await runLoad({
      ...quick,
      gatewayUrl: gateway.url,
      rate: 10,
      rides: 3,
      drivers: 0,
      rideTimeoutMs: 1000,
    });

    const posts = gateway.tally.requests['POST /v1/rides'] ?? 0;
    expect(posts).toBeGreaterThan(3);
    expect(summary.rides).toMatchObject({ sent: 3, accepted: 0, rejected: 3, shed: posts });
    expect(summary.errors.byKind).toEqual({ shed_until_deadline: 3 });
    expect(summary.requests.byEndpoint['POST /v1/rides']).toEqual({
      count: posts,
      statuses: { '503': posts },
    });
  });

  it('sends a POST /v1/rides that got no answer again with the same key: one ride', async () => {
    gateway = await FakeGateway.start({ dropEvery: 3 });

    const summary = await runLoad({
      ...quick,
      gatewayUrl: gateway.url,
      rate: 20,
      rides: 12,
      drivers: 0,
    });

    const dropped = gateway.tally.dropped;
    expect(dropped).toBeGreaterThan(0);
    expect(summary.rides).toMatchObject({
      sent: 12,
      accepted: 12,
      rejected: 0,
      unansweredRetried: dropped,
    });
    expect([...gateway.tally.ridesPerKey.values()]).toEqual(Array.from({ length: 12 }, () => 1));
    expect(summary.errors.total).toBe(0);
  });

  it('reports progress while running', async () => {
    gateway = await FakeGateway.start({ fate: () => ({ status: 'ASSIGNED', polls: 3 }) });
    const seen: number[] = [];
    const summary = await runLoad(
      {
        ...quick,
        gatewayUrl: gateway.url,
        rate: 20,
        rides: 10,
        drivers: 0,
        holdMinMs: 100,
        holdMaxMs: 100,
      },
      { onProgress: (progress) => seen.push(progress.sent) },
    );
    expect(summary.finalStatus.COMPLETED).toBe(10);
    expect(seen.length).toBeGreaterThan(0);
    // Progress is cumulative.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('stops sending new rides when the signal fires and still finishes the open ones', async () => {
    const stop = new AbortController();
    gateway = await FakeGateway.start({
      onCreateRide: (count) => {
        if (count === 5) stop.abort();
      },
    });
    const summary = await runLoad(
      { ...quick, gatewayUrl: gateway.url, rate: 10, rides: 500, drivers: 0 },
      { signal: stop.signal },
    );
    expect(summary.stoppedEarly).toBe(true);
    // The fifth request stops the schedule (one more may already be on its way on a busy machine).
    expect(summary.rides.sent).toBeGreaterThanOrEqual(5);
    expect(summary.rides.sent).toBeLessThan(10);
    expect(summary.finalStatus.COMPLETED).toBe(summary.rides.sent);
  });

  it('skips arrivals beyond max-in-flight open rides and counts them', async () => {
    gateway = await FakeGateway.start({ fate: () => 'STUCK' });
    const summary = await runLoad({
      ...quick,
      gatewayUrl: gateway.url,
      rate: 100,
      rides: 6,
      drivers: 0,
      maxInFlight: 3,
      rideTimeoutMs: 1000,
    });
    expect(summary.rides).toMatchObject({ sent: 3, skipped: 3, accepted: 3 });
    expect(summary.finalStatus.REQUESTED).toBe(3);
    expect(summary.errors.byKind).toEqual({ skipped_overload: 3, ride_deadline: 3 });
  });

  it('counts network errors when nothing listens at the gateway address', async () => {
    const closedPort = await freePort();
    const summary = await runLoad({
      ...quick,
      gatewayUrl: `http://127.0.0.1:${closedPort}`,
      rate: 50,
      rides: 4,
      drivers: 1,
    });
    expect(summary.rides).toMatchObject({ sent: 4, accepted: 0, rejected: 4 });
    expect(summary.drivers).toEqual({ requested: 9, registered: 0 });
    expect(summary.errors.byKind).toEqual({ network: 13 });
    expect(summary.errors.firstMessage.network).toMatch(
      /^POST \/v1\/drivers: fetch failed: connect ECONNREFUSED/,
    );
    // Each ride's request was sent again (same key) while its deadline allowed; only the last
    // attempt of each counts as an error.
    expect(summary.rides.unansweredRetried).toBeGreaterThan(0);
    expect(summary.requests.byEndpoint['POST /v1/rides'].statuses).toEqual({
      network: 4 + summary.rides.unansweredRetried,
    });
    expect(summary.latencyMs.createRide).toEqual({
      count: 0,
      p50: null,
      p90: null,
      p99: null,
      max: null,
    });
  });
});

/** A port that was free a moment ago (and is closed again). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
