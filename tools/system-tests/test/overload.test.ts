import { runLoad, type Summary } from '@rideshare/load-generator';
import { describe, expect, it } from 'vitest';
import { NO_VIOLATIONS, checkInvariants, rowCounts } from '@rideshare/system-harness';
import { systemForTests } from './support/system-for-tests';

/** Statuses the load generator may see from a healthy system, per endpoint. */
const DOCUMENTED: Record<string, string[]> = {
  'POST /v1/drivers': ['201', '503', '429'],
  'POST /v1/rides': ['202', '503', '429'],
  'GET /v1/rides/:id': ['200', '503', '429'],
  'POST /v1/rides/:id/complete': ['200', '503', '429'],
};

function undocumentedAnswers(summary: Summary): string[] {
  return Object.entries(summary.requests.byEndpoint).flatMap(([endpoint, { statuses }]) =>
    Object.keys(statuses)
      .filter((status) => !DOCUMENTED[endpoint]!.includes(status))
      .map((status) => `${endpoint} ${status} x${statuses[status]}`),
  );
}

describe('the load generator past the knee, with every core busy elsewhere', () => {
  const sut = systemForTests({
    telemetry: false,
    env: { 'driver-service': { DRIVERS_PER_REGION_VEHICLE: '40' } },
  });

  it(
    'sheds with 503 + Retry-After, never another 5xx, and every ride it took ends',
    { timeout: 420_000 },
    async () => {
      const hogs = sut.saturateCpus(400_000);
      // 300 rides at 30/s: far more than a machine whose cores are taken sustains.
      const summary = await runLoad({
        gatewayUrl: sut.system.gatewayUrl,
        rate: 30,
        rides: 300,
        drivers: 0,
        holdMinMs: 100,
        holdMaxMs: 300,
        rideTimeoutMs: 180_000,
        requestTimeoutMs: 30_000,
        seed: 7,
        progressIntervalMs: 60_000,
      });
      await hogs.stop();
      console.info(
        `rides ${JSON.stringify(summary.rides)}; requests ${JSON.stringify(summary.requests.byEndpoint)}; errors ${JSON.stringify(summary.errors.byKind)}`,
      );

      expect(undocumentedAnswers(summary)).toEqual([]);
      expect(summary.errors.byKind).toEqual({});
      expect(summary.rides).toMatchObject({ sent: 300, accepted: 300, rejected: 0 });
      // Retries never made a second ride: exactly the rides the generator was given.
      expect((await rowCounts(sut.system.postgres.url))['rides.rides']).toBe(300);

      // Every ride terminal: matched or not, then completed (nothing stuck, no driver left reserved).
      expect(summary.finalStatus.REQUESTED).toBe(0);
      expect(summary.finalStatus.ASSIGNED).toBe(0);
      expect(summary.finalStatus.COMPLETED + summary.finalStatus.NO_DRIVER).toBe(300);
      expect(await checkInvariants(sut.system.postgres.url)).toEqual(NO_VIOLATIONS);
    },
  );
});
