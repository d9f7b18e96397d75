import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkInvariants,
  isTerminal,
  postRides,
  rideRequest,
  startSystem,
  waitForRides,
  type RunningSystem,
} from '../src';

describe('200 concurrent ride requests for 50 drivers', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      telemetry: false,
      env: { 'driver-service': { DRIVERS_PER_REGION_VEHICLE: '50' } },
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('assigns each of the 50 drivers at most one active ride', async () => {
    // All 200 compete for the 50 cars of one region.
    const posted = await postRides(system.gatewayUrl, 200, {
      concurrency: 200,
      request: (n) => rideRequest(n, { vehicle: 'car', region: 'eu-north' }),
    });
    expect(posted.rejected).toEqual([]);
    const rides = [
      ...(await waitForRides(system.gatewayUrl, posted.accepted, isTerminal, 180_000)).values(),
    ];

    const assigned = rides.filter((ride) => ride.status === 'ASSIGNED');
    const drivers = assigned.map((ride) => ride.driverId);
    expect(new Set(drivers).size).toBe(assigned.length);
    expect(assigned.length).toBeLessThanOrEqual(50);
    expect(assigned.length + rides.filter((ride) => ride.status === 'NO_DRIVER').length).toBe(200);
    expect(await checkInvariants(system.postgres.url)).toEqual({
      doubleBookedDrivers: [],
      ridesWithWrongDriver: [],
      contradictoryRides: [],
    });
  });
});
