import {
  hashSeed,
  haversineKm,
  seededRandom,
  type GeoPoint,
  type Vehicle,
} from '@rideshare/contracts';

export interface DriverCandidate {
  id: string;
  location: GeoPoint;
  /** 1..5, higher is better. */
  rating: number;
}

export interface ScoredCandidate {
  id: string;
  distanceKm: number;
  /** Pessimistic (80th percentile) time to reach the pickup. */
  etaSeconds: number;
  /** Lower is better. */
  score: number;
}

interface PickupModel {
  /** Average city speed. */
  speedKmh: number;
  /** Roads are longer than the straight line by a random factor in [1, 1 + maxDetour]. */
  maxDetour: number;
  /** Monte-Carlo samples of the pickup trip per candidate. */
  samples: number;
}

const PICKUP_MODELS: Record<Vehicle, PickupModel> = {
  car: { speedKmh: 28, maxDetour: 0.6, samples: 2000 },
  scooter: { speedKmh: 18, maxDetour: 0.4, samples: 1000 },
  bike: { speedKmh: 14, maxDetour: 0.3, samples: 500 },
};

/** One rating star is worth this many seconds of pickup time. */
const SECONDS_PER_RATING_STAR = 120;
const ETA_PERCENTILE = 0.8;

/**
 * Scores every candidate for a pickup, best first: the pessimistic pickup ETA from a
 * seeded Monte-Carlo simulation of detours and delays, with a bonus for rating.
 * Deterministic for the same inputs and `seedName` (e.g. the ride id).
 */
export function scoreCandidates(
  candidates: readonly DriverCandidate[],
  pickup: GeoPoint,
  vehicle: Vehicle,
  seedName: string,
): ScoredCandidate[] {
  const scored = candidates.map((candidate) => {
    const distanceKm = haversineKm(candidate.location, pickup);
    const etaSeconds = estimatePickupEta(distanceKm, vehicle, `${seedName}:${candidate.id}`);
    const score = etaSeconds + (5 - candidate.rating) * SECONDS_PER_RATING_STAR;
    return { id: candidate.id, distanceKm, etaSeconds, score };
  });
  return scored.sort(
    (a, b) => a.score - b.score || a.distanceKm - b.distanceKm || a.id.localeCompare(b.id),
  );
}

/** 80th-percentile seconds to drive `distanceKm` over simulated detours, lights and slowdowns. */
export function estimatePickupEta(distanceKm: number, vehicle: Vehicle, seedName: string): number {
  const model = PICKUP_MODELS[vehicle];
  const random = seededRandom(hashSeed(seedName));
  const samples = new Float64Array(model.samples);
  for (let i = 0; i < model.samples; i++) {
    const roadKm = distanceKm * (1 + random() * model.maxDetour);
    const slowdown = 1 + -Math.log(1 - random()) * 0.25; // exponential delays
    const trafficLights = Math.floor(roadKm * 2 * random()) * 20;
    samples[i] = (roadKm / model.speedKmh) * 3600 * slowdown + trafficLights;
  }
  samples.sort();
  return Math.round(samples[Math.floor((model.samples - 1) * ETA_PERCENTILE)]!);
}
