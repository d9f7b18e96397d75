import {
  CreateDriverRequest,
  CreateRideRequest,
  REGION_CENTERS,
  REGIONS,
  seededRandom,
  VEHICLES,
} from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import { driverFleet, randomRideRequest } from './ride-requests';

describe('randomRideRequest', () => {
  it('produces bodies the gateway accepts, covering every vehicle and region', () => {
    const random = seededRandom(7);
    const rides = Array.from({ length: 300 }, (_, index) => randomRideRequest(random, index));
    for (const ride of rides) expect(CreateRideRequest.parse(ride)).toEqual(ride);
    expect(new Set(rides.map((ride) => ride.vehicle))).toEqual(new Set(VEHICLES));
    expect(new Set(rides.map((ride) => ride.region))).toEqual(new Set(REGIONS));
  });

  it('keeps pickup and dropoff within ~5 km of the region centre', () => {
    const random = seededRandom(11);
    for (let index = 0; index < 100; index++) {
      const ride = randomRideRequest(random, index);
      const center = REGION_CENTERS[ride.region];
      for (const point of [ride.pickup, ride.dropoff]) {
        expect(Math.abs(point.lat - center.lat)).toBeLessThanOrEqual(0.045 + 1e-9);
        expect(Math.abs(point.lon - center.lon)).toBeLessThanOrEqual(0.045 + 1e-9);
      }
    }
  });

  it('is reproducible for a seed', () => {
    const first = randomRideRequest(seededRandom(3), 1);
    const again = randomRideRequest(seededRandom(3), 1);
    expect(again).toEqual(first);
  });
});

describe('driverFleet', () => {
  it('registers the requested number of valid drivers per vehicle and region', () => {
    const fleet = driverFleet(seededRandom(1), 2, 'run1');
    expect(fleet).toHaveLength(2 * VEHICLES.length * REGIONS.length);
    for (const driver of fleet) expect(CreateDriverRequest.parse(driver)).toEqual(driver);
    for (const region of REGIONS) {
      for (const vehicle of VEHICLES) {
        expect(
          fleet.filter((driver) => driver.region === region && driver.vehicle === vehicle),
        ).toHaveLength(2);
      }
    }
  });

  it('is empty for zero drivers', () => {
    expect(driverFleet(seededRandom(1), 0, 'run1')).toEqual([]);
  });
});
