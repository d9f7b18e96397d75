import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants, isTerminal, postRides, startSystem, waitForRides, type RunningSystem } from '../src';

const noViolations = { doubleBookedDrivers: [], ridesWithWrongDriver: [], contradictoryRides: [] };

async function readiness(url: string): Promise<number> {
  try {
    return (await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

describe('faults mid-flow: every accepted ride reaches a terminal state, no driver is double-booked', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({ telemetry: true, env: { 'driver-service': { DRIVERS_PER_REGION_VEHICLE: '15' } } });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('survives the Kafka broker stopping and starting again while 300 rides are in flight', async () => {
    let stopped: Promise<void> | undefined;
    let started: Promise<void> | undefined;
    const posted = await postRides(system.gatewayUrl, 300, {
      concurrency: 10,
      before: async (n) => {
        if (n === 100) stopped = system.kafka.stop();
        if (n === 200) {
          await stopped;
          started = system.kafka.start();
        }
      },
    });
    await started;
    // Rides are accepted through PostgreSQL (transactional outbox), so Kafka being down refuses none.
    expect(posted.rejected).toEqual([]);
    expect(posted.accepted).toHaveLength(300);

    const rides = await waitForRides(system.gatewayUrl, posted.accepted, isTerminal, 240_000);
    expect(rides.size).toBe(300);
    expect(await checkInvariants(system.postgres.url)).toEqual(noViolations);
  });

  it('survives driver-service being killed with SIGKILL mid-stream and restarted', async () => {
    let restarted: Promise<void> | undefined;
    const posted = await postRides(system.gatewayUrl, 120, {
      concurrency: 10,
      before: async (n) => {
        if (n === 40) restarted = system.restartService('driver-service', 'SIGKILL');
      },
    });
    await restarted;
    expect(posted.rejected).toEqual([]);
    const rides = await waitForRides(system.gatewayUrl, posted.accepted, isTerminal, 240_000);
    expect(rides.size).toBe(120);
    expect(await checkInvariants(system.postgres.url)).toEqual(noViolations);
  });

  it('reports not-ready while PostgreSQL restarts and loses no accepted ride', async () => {
    const before = await postRides(system.gatewayUrl, 30, { concurrency: 5 });
    expect(before.rejected).toEqual([]);

    await system.postgres.stopServer();
    await expect
      .poll(() => readiness(system.services['ride-service'].url), { timeout: 30_000, interval: 250 })
      .toBe(503);
    await system.postgres.startServer();
    for (const service of Object.values(system.services)) {
      await expect.poll(() => readiness(service.url), { timeout: 60_000, interval: 500 }).toBe(200);
    }

    const after = await postRides(system.gatewayUrl, 30, { concurrency: 5 });
    expect(after.rejected).toEqual([]);
    const ids = [...before.accepted, ...after.accepted];
    const rides = await waitForRides(system.gatewayUrl, ids, isTerminal, 180_000);
    expect(rides.size).toBe(60);
    expect(await checkInvariants(system.postgres.url)).toEqual(noViolations);
  });
});
