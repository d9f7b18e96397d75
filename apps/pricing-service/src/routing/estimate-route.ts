import { MinHeap } from './min-heap';
import type { RoadGraph } from './road-graph';
import type { WorkCounter } from './work-counter';

export interface RouteOptions {
  /** The vehicle's top speed; roads faster than this are driven at this speed. */
  maxSpeedKmh: number;
  /** Per-edge travel-time multipliers (>= 1) from a traffic scenario. */
  edgeTimeFactors?: Float64Array;
  /** Per-edge search penalties (>= 1) used to find alternative routes; not part of the reported time. */
  edgePenalties?: Float64Array;
  work?: WorkCounter;
}

export interface Route {
  /** Node ids from start to goal. */
  nodes: number[];
  /** Edge indices along the route. */
  edges: number[];
  distanceKm: number;
  travelSeconds: number;
}

/**
 * Fastest route between two nodes (A* over travel time, straight-line heuristic).
 * Returns null when the goal is unreachable.
 */
export function estimateRoute(
  graph: RoadGraph,
  start: number,
  goal: number,
  options: RouteOptions,
): Route | null {
  const { maxSpeedKmh, edgeTimeFactors, edgePenalties, work } = options;
  const secondsPerKmAtTopSpeed = 3600 / Math.min(maxSpeedKmh, graph.maxSpeedKmh);
  const heuristicScale = graph.minDetourRatio * secondsPerKmAtTopSpeed;
  const goalX = graph.xKm[goal]!;
  const goalY = graph.yKm[goal]!;

  const cost = new Float64Array(graph.nodeCount).fill(Infinity);
  const viaEdge = new Int32Array(graph.nodeCount).fill(-1);
  const settled = new Uint8Array(graph.nodeCount);
  const open = new MinHeap();
  cost[start] = 0;
  open.push(start, 0);
  let expanded = 0;

  while (open.size > 0) {
    const node = open.pop();
    if (settled[node]) continue;
    settled[node] = 1;
    expanded++;
    if (node === goal) break;
    const nodeCost = cost[node]!;
    for (let e = graph.edgeStart[node]!; e < graph.edgeStart[node + 1]!; e++) {
      const next = graph.edgeTarget[e]!;
      if (settled[next]) continue;
      const speed = Math.min(graph.edgeSpeedKmh[e]!, maxSpeedKmh);
      let seconds = (graph.edgeLengthKm[e]! / speed) * 3600;
      if (edgeTimeFactors) seconds *= edgeTimeFactors[e]!;
      if (edgePenalties) seconds *= edgePenalties[e]!;
      const candidate = nodeCost + seconds;
      if (candidate < cost[next]!) {
        cost[next] = candidate;
        viaEdge[next] = e;
        const dx = graph.xKm[next]! - goalX;
        const dy = graph.yKm[next]! - goalY;
        const h = Math.sqrt(dx * dx + dy * dy) * heuristicScale;
        open.push(next, candidate + h);
      }
    }
  }
  if (work) work.units += expanded;
  if (!settled[goal]) return null;
  return traceRoute(graph, start, goal, viaEdge, maxSpeedKmh, edgeTimeFactors);
}

function traceRoute(
  graph: RoadGraph,
  start: number,
  goal: number,
  viaEdge: Int32Array,
  maxSpeedKmh: number,
  edgeTimeFactors: Float64Array | undefined,
): Route {
  const edges: number[] = [];
  for (let node = goal; node !== start;) {
    const e = viaEdge[node]!;
    edges.push(e);
    node = graph.edgeSource[e]!;
  }
  edges.reverse();
  const nodes = [start, ...edges.map((e) => graph.edgeTarget[e]!)];
  let distanceKm = 0;
  let travelSeconds = 0;
  for (const e of edges) {
    distanceKm += graph.edgeLengthKm[e]!;
    const seconds = (graph.edgeLengthKm[e]! / Math.min(graph.edgeSpeedKmh[e]!, maxSpeedKmh)) * 3600;
    travelSeconds += edgeTimeFactors ? seconds * edgeTimeFactors[e]! : seconds;
  }
  return { nodes, edges, distanceKm, travelSeconds };
}
