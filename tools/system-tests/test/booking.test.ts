import { describe, expect, it } from 'vitest';
import { NO_VIOLATIONS, checkInvariants } from '@rideshare/system-harness';
import { isTerminal, postRides, rideRequest, waitForRides } from '../src/rides';
import { systemForTests } from './support/system-for-tests';

/** Answers a client may see: accepted, or the documented "not now" it retries. */
const DOCUMENTED_ANSWERS = [202, 503, 429];

describe('200 concurrent ride requests for 50 drivers, with every core busy elsewhere', () => {
  const sut = systemForTests({
    telemetry: false,
    env: { 'driver-service': { DRIVERS_PER_REGION_VEHICLE: '50' } },
  });

  it(
    'accepts every request (after Retry-After where shed) and books each driver at most once',
    { timeout: 420_000 },
    async () => {
      // As many busy loops as cores, for the whole test: the system gets what is left.
      const hogs = sut.saturateCpus(400_000);

      // All 200 compete for the 50 cars of one region.
      const posted = await postRides(sut.system.gatewayUrl, 200, {
        concurrency: 200,
        request: (n) => rideRequest(n, { vehicle: 'car', region: 'eu-north' }),
        retryForMs: 180_000,
      });
      const rides = [
        ...(
          await waitForRides(sut.system.gatewayUrl, posted.accepted, isTerminal, 180_000)
        ).values(),
      ];
      await hogs.stop();
      console.info(
        `answers to POST /v1/rides: ${JSON.stringify(posted.answers)}, accepted after a retry: ${posted.acceptedAfterRetry}`,
      );

      // Every answer was a 202 or a documented 503/429 that a retry turned into a 202.
      const undocumented = Object.keys(posted.answers)
        .map(Number)
        .filter((status) => !DOCUMENTED_ANSWERS.includes(status));
      expect(undocumented).toEqual([]);
      expect(posted.rejected).toEqual([]);
      expect(posted.accepted).toHaveLength(200);
      expect(new Set(posted.accepted).size).toBe(200);

      // Every ride terminal, nobody double-booked.
      const assigned = rides.filter((ride) => ride.status === 'ASSIGNED');
      const drivers = assigned.map((ride) => ride.driverId);
      expect(new Set(drivers).size).toBe(assigned.length);
      expect(assigned.length).toBeLessThanOrEqual(50);
      expect(assigned.length + rides.filter((ride) => ride.status === 'NO_DRIVER').length).toBe(
        200,
      );
      expect(await checkInvariants(sut.system.postgres.url)).toEqual(NO_VIOLATIONS);
    },
  );
});
