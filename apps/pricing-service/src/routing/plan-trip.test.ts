import { describe, expect, it } from 'vitest';
import { generateRoadGraph } from './generate-road-graph';
import { planTrip } from './plan-trip';
import { VEHICLE_ROUTING_PROFILES } from './vehicle-profiles';
import { newWorkCounter } from './work-counter';

const center = { lat: 19.076, lon: 72.8777 };
const graph = generateRoadGraph('ap-south', center, { gridSize: 32, spanKm: 12 });
const pickup = { lat: 19.05, lon: 72.85 };
const dropoff = { lat: 19.1, lon: 72.91 };

describe('planTrip', () => {
  it('costs a car more routing work than a scooter, and a scooter more than a bike', () => {
    const work = Object.fromEntries(
      (['car', 'scooter', 'bike'] as const).map((vehicle) => {
        const counter = newWorkCounter();
        planTrip(graph, 'ap-south', VEHICLE_ROUTING_PROFILES[vehicle], pickup, dropoff, counter);
        return [vehicle, counter.units];
      }),
    );
    expect(work.car).toBeGreaterThan(work.scooter!);
    expect(work.scooter).toBeGreaterThan(work.bike!);
    expect(work.bike).toBeGreaterThan(0);
  });

  it('is deterministic and plausible: the road distance exceeds the straight line, a bike is slower than a car', () => {
    const car = planTrip(graph, 'ap-south', VEHICLE_ROUTING_PROFILES.car, pickup, dropoff);
    expect(planTrip(graph, 'ap-south', VEHICLE_ROUTING_PROFILES.car, pickup, dropoff)).toEqual(car);
    const bike = planTrip(graph, 'ap-south', VEHICLE_ROUTING_PROFILES.bike, pickup, dropoff);
    expect(car.distanceKm).toBeGreaterThan(8); // ~8.1 km as the crow flies
    expect(car.distanceKm).toBeLessThan(16);
    expect(bike.etaSeconds).toBeGreaterThan(car.etaSeconds);
  });

  it('quotes a trip to the same spot as (almost) nothing', () => {
    const trip = planTrip(graph, 'ap-south', VEHICLE_ROUTING_PROFILES.scooter, center, center);
    expect(trip).toEqual({ distanceKm: 0, etaSeconds: 0 });
  });
});
