import { describe, expect, it } from 'vitest';
import { checkInvariants, NO_VIOLATIONS, type ServiceProcess } from '@rideshare/system-harness';
import { isTerminal, postRides, waitForRides } from '../src/rides';
import { systemForTests } from './support/system-for-tests';

/** Polls `/health/ready` until it answers `expected`; on timeout, fails with the service's last output. */
async function waitForReadiness(
  service: ServiceProcess,
  expected: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${service.url}/health/ready`, {
        signal: AbortSignal.timeout(5000),
      });
      if (response.status === expected) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${service.name} readiness never answered ${expected} (last: ${last})\n${service.output().slice(-3000)}`,
  );
}

describe('faults mid-flow: every accepted ride reaches a terminal state, no driver is double-booked', () => {
  const sut = systemForTests({
    telemetry: true,
    env: { 'driver-service': { DRIVERS_PER_REGION_VEHICLE: '15' } },
  });

  it('survives the Kafka broker stopping and starting again while 300 rides are in flight', async () => {
    let stopped: Promise<void> | undefined;
    let started: Promise<void> | undefined;
    const posted = await postRides(sut.system.gatewayUrl, 300, {
      concurrency: 10,
      before: async (n) => {
        if (n === 100) stopped = sut.system.kafka.stop();
        if (n === 200) {
          await stopped;
          started = sut.system.kafka.start();
        }
      },
    });
    await started;
    // Rides are accepted through PostgreSQL (transactional outbox), so Kafka being down refuses none.
    expect(posted.rejected).toEqual([]);
    expect(posted.accepted).toHaveLength(300);

    const rides = await waitForRides(sut.system.gatewayUrl, posted.accepted, isTerminal, 240_000);
    expect(rides.size).toBe(300);
    expect(await checkInvariants(sut.system.postgres.url)).toEqual(NO_VIOLATIONS);
  });

  it('survives driver-service being killed with SIGKILL mid-stream and restarted', async () => {
    let restarted: Promise<void> | undefined;
    const posted = await postRides(sut.system.gatewayUrl, 120, {
      concurrency: 10,
      before: async (n) => {
        if (n === 40) restarted = sut.system.restartService('driver-service', 'SIGKILL');
      },
    });
    await restarted;
    expect(posted.rejected).toEqual([]);
    const rides = await waitForRides(sut.system.gatewayUrl, posted.accepted, isTerminal, 240_000);
    expect(rides.size).toBe(120);
    expect(await checkInvariants(sut.system.postgres.url)).toEqual(NO_VIOLATIONS);
  });

  it('reports not-ready while PostgreSQL restarts and loses no accepted ride', async () => {
    const before = await postRides(sut.system.gatewayUrl, 30, { concurrency: 5 });
    expect(before.rejected).toEqual([]);

    await sut.system.postgres.stopServer();
    await waitForReadiness(sut.system.services['ride-service'], 503, 30_000);
    await sut.system.postgres.startServer();
    for (const service of Object.values(sut.system.services))
      await waitForReadiness(service, 200, 60_000);

    const after = await postRides(sut.system.gatewayUrl, 30, { concurrency: 5 });
    expect(after.rejected).toEqual([]);
    const ids = [...before.accepted, ...after.accepted];
    const rides = await waitForRides(sut.system.gatewayUrl, ids, isTerminal, 180_000);
    expect(rides.size).toBe(60);
    expect(await checkInvariants(sut.system.postgres.url)).toEqual(NO_VIOLATIONS);
  });
});
