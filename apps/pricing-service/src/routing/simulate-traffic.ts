import { seededRandom } from '@rideshare/contracts';
import type { RoadGraph } from './road-graph';
import type { WorkCounter } from './work-counter';

const HOTSPOTS_PER_SCENARIO = 6;

/**
 * One traffic scenario: congestion hotspots at seeded random places, each slowing the
 * roads around it with a Gaussian fall-off, plus per-road noise. Returns a travel-time
 * multiplier (>= 1) per edge; `sensitivity` scales how much the vehicle suffers
 * (a bike filters through jams, a car does not).
 */
export function simulateTraffic(
  graph: RoadGraph,
  seed: number,
  sensitivity: number,
  work?: WorkCounter,
): Float64Array {
  const random = seededRandom(seed);
  let width = 0;
  let height = 0;
  for (let n = 0; n < graph.nodeCount; n++) {
    width = Math.max(width, graph.xKm[n]!);
    height = Math.max(height, graph.yKm[n]!);
  }
  const hotspots = Array.from({ length: HOTSPOTS_PER_SCENARIO }, () => {
    const radiusKm = 1 + random() * 4;
    return {
      x: random() * width,
      y: random() * height,
      twoRadiusSquared: 2 * radiusKm * radiusKm,
      intensity: 0.3 + random() * 1.7,
    };
  });

  const factors = new Float64Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const source = graph.edgeSource[e]!;
    const target = graph.edgeTarget[e]!;
    const x = (graph.xKm[source]! + graph.xKm[target]!) / 2;
    const y = (graph.yKm[source]! + graph.yKm[target]!) / 2;
    let congestion = random() * 0.2;
    for (const hotspot of hotspots) {
      const dx = x - hotspot.x;
      const dy = y - hotspot.y;
      congestion += hotspot.intensity * Math.exp(-(dx * dx + dy * dy) / hotspot.twoRadiusSquared);
    }
    factors[e] = 1 + sensitivity * congestion;
  }
  if (work) work.units += graph.edgeCount;
  return factors;
}
