import type { RoadGraph } from '../routing/road-graph';

/**
 * Deliberate extra CPU work for quotes in the slow region (env SLOW_REGION), so the
 * demo has a hotspot to find in the flame graph: `factor` passes of a pointless
 * road-surface integral over every edge. Returns the result so it cannot be optimised away.
 */
export function applyRegionalSlowdown(graph: RoadGraph, factor: number): number {
  let checksum = 0;
  for (let pass = 0; pass < factor; pass++) {
    for (let e = 0; e < graph.edgeCount; e++) {
      const length = graph.edgeLengthKm[e]!;
      for (let step = 1; step <= 8; step++)
        checksum += Math.sqrt(length * step + pass) * Math.sin(step + e);
    }
  }
  return checksum;
}
