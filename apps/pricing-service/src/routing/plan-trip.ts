import { hashSeed, haversineKm, type GeoPoint } from '@rideshare/contracts';
import { estimateRoute, type Route } from './estimate-route';
import { nearestNode, type RoadGraph } from './road-graph';
import { simulateTraffic } from './simulate-traffic';
import type { VehicleRoutingProfile } from './vehicle-profiles';
import type { WorkCounter } from './work-counter';

/** Speed for the stretch between a point and its nearest road node. */
const ACCESS_SPEED_KMH = 15;
/** Each found route's roads get this much slower in the search for the next alternative. */
const ALTERNATIVE_ROUTE_PENALTY = 1.4;

export interface TripEstimate {
  distanceKm: number;
  etaSeconds: number;
}

/**
 * Distance and ETA between two points: for every traffic scenario, the fastest of a few
 * alternative routes; the trip is the median scenario (a typical day, not the best one).
 */
export function planTrip(
  graph: RoadGraph,
  graphName: string,
  profile: VehicleRoutingProfile,
  pickup: GeoPoint,
  dropoff: GeoPoint,
  work?: WorkCounter,
): TripEstimate {
  const start = nearestNode(graph, pickup);
  const goal = nearestNode(graph, dropoff);
  const accessSpeedKmh = Math.min(ACCESS_SPEED_KMH, profile.maxSpeedKmh);
  if (start === goal) {
    // Both ends near the same junction: no road network worth routing over.
    const directKm = haversineKm(pickup, dropoff);
    return {
      distanceKm: Math.round(directKm * 100) / 100,
      etaSeconds: Math.round((directKm / accessSpeedKmh) * 3600),
    };
  }
  const accessKm =
    haversineKm(pickup, { lat: graph.lat[start]!, lon: graph.lon[start]! }) +
    haversineKm({ lat: graph.lat[goal]!, lon: graph.lon[goal]! }, dropoff);

  const scenarioRoutes: Route[] = [];
  for (let scenario = 0; scenario < profile.trafficScenarios; scenario++) {
    const seed = hashSeed(`${graphName}:${start}:${goal}:${scenario}`);
    const edgeTimeFactors = simulateTraffic(graph, seed, profile.trafficSensitivity, work);
    const best = fastestAlternative(graph, start, goal, profile, edgeTimeFactors, work);
    if (best) scenarioRoutes.push(best);
  }
  if (scenarioRoutes.length === 0) throw new Error(`no route between nodes ${start} and ${goal}`);

  scenarioRoutes.sort((a, b) => a.travelSeconds - b.travelSeconds);
  const typical = scenarioRoutes[Math.floor(scenarioRoutes.length / 2)]!;
  const accessSeconds = (accessKm / accessSpeedKmh) * 3600;
  return {
    distanceKm: Math.round((typical.distanceKm + accessKm) * 100) / 100,
    etaSeconds: Math.round(typical.travelSeconds + accessSeconds),
  };
}

function fastestAlternative(
  graph: RoadGraph,
  start: number,
  goal: number,
  profile: VehicleRoutingProfile,
  edgeTimeFactors: Float64Array,
  work: WorkCounter | undefined,
): Route | null {
  const edgePenalties = new Float64Array(graph.edgeCount).fill(1);
  let best: Route | null = null;
  for (let alternative = 0; alternative < profile.alternativeRoutes; alternative++) {
    const route = estimateRoute(graph, start, goal, {
      maxSpeedKmh: profile.maxSpeedKmh,
      edgeTimeFactors,
      edgePenalties,
      work,
    });
    if (!route) return best;
    if (!best || route.travelSeconds < best.travelSeconds) best = route;
    for (const e of route.edges) edgePenalties[e]! *= ALTERNATIVE_ROUTE_PENALTY;
  }
  return best;
}
