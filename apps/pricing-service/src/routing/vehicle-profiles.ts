import type { Vehicle } from '@rideshare/contracts';

export interface VehicleRoutingProfile {
  maxSpeedKmh: number;
  /** How much congestion slows this vehicle (0 = not at all). */
  trafficSensitivity: number;
  /** Traffic scenarios simulated per quote. */
  trafficScenarios: number;
  /** Alternative routes searched per scenario. */
  alternativeRoutes: number;
}

/**
 * Cars are quoted most carefully (their ETA depends most on traffic), bikes least;
 * this is also what makes a car quote cost the most CPU.
 */
export const VEHICLE_ROUTING_PROFILES: Record<Vehicle, VehicleRoutingProfile> = {
  car: { maxSpeedKmh: 80, trafficSensitivity: 1, trafficScenarios: 4, alternativeRoutes: 3 },
  scooter: { maxSpeedKmh: 25, trafficSensitivity: 0.4, trafficScenarios: 3, alternativeRoutes: 2 },
  bike: { maxSpeedKmh: 18, trafficSensitivity: 0.1, trafficScenarios: 1, alternativeRoutes: 1 },
};
