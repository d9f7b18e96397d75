import type { GeoPoint } from '@rideshare/contracts';
import { KM_PER_DEGREE_LAT } from './geo';

export interface RoadNodeInput {
  lat: number;
  lon: number;
}

export interface RoadEdgeInput {
  from: number;
  to: number;
  lengthKm: number;
  speedKmh: number;
}

/**
 * An undirected road network stored as compressed adjacency arrays (every road is
 * present in both directions), so that route searches touch only typed arrays.
 */
export interface RoadGraph {
  nodeCount: number;
  edgeCount: number;
  lat: Float64Array;
  lon: Float64Array;
  /** Planar coordinates (km) relative to the south-west corner; good enough at city scale. */
  xKm: Float64Array;
  yKm: Float64Array;
  /** Edges leaving node n are indices edgeStart[n] .. edgeStart[n + 1] - 1. */
  edgeStart: Int32Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  edgeLengthKm: Float64Array;
  edgeSpeedKmh: Float64Array;
  maxSpeedKmh: number;
  /** min(edge length / straight-line length) over all edges; keeps the A* heuristic admissible. */
  minDetourRatio: number;
}

/** Builds the adjacency arrays from a node list and undirected edge list. */
export function buildRoadGraph(
  nodes: readonly RoadNodeInput[],
  edges: readonly RoadEdgeInput[],
): RoadGraph {
  const nodeCount = nodes.length;
  if (nodeCount === 0) throw new Error('a road graph needs at least one node');
  const lat = Float64Array.from(nodes, (n) => n.lat);
  const lon = Float64Array.from(nodes, (n) => n.lon);
  const minLat = Math.min(...lat);
  const minLon = Math.min(...lon);
  const meanLat = lat.reduce((sum, v) => sum + v, 0) / nodeCount;
  const kmPerDegreeLon = KM_PER_DEGREE_LAT * Math.cos((meanLat * Math.PI) / 180);
  const xKm = Float64Array.from(lon, (v) => (v - minLon) * kmPerDegreeLon);
  const yKm = Float64Array.from(lat, (v) => (v - minLat) * KM_PER_DEGREE_LAT);

  const degree = new Int32Array(nodeCount);
  for (const edge of edges) {
    if (edge.from < 0 || edge.from >= nodeCount || edge.to < 0 || edge.to >= nodeCount) {
      throw new Error(`edge ${edge.from}->${edge.to} refers to a missing node`);
    }
    if (!(edge.lengthKm > 0) || !(edge.speedKmh > 0))
      throw new Error('edge length and speed must be positive');
    degree[edge.from]!++;
    degree[edge.to]!++;
  }
  const edgeStart = new Int32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n++) edgeStart[n + 1] = edgeStart[n]! + degree[n]!;

  const edgeCount = edges.length * 2;
  const edgeSource = new Int32Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  const edgeLengthKm = new Float64Array(edgeCount);
  const edgeSpeedKmh = new Float64Array(edgeCount);
  const cursor = edgeStart.slice(0, nodeCount);
  let maxSpeedKmh = 0;
  let minDetourRatio = 1;
  const place = (from: number, to: number, edge: RoadEdgeInput) => {
    const slot = cursor[from]!++;
    edgeSource[slot] = from;
    edgeTarget[slot] = to;
    edgeLengthKm[slot] = edge.lengthKm;
    edgeSpeedKmh[slot] = edge.speedKmh;
  };
  for (const edge of edges) {
    place(edge.from, edge.to, edge);
    place(edge.to, edge.from, edge);
    maxSpeedKmh = Math.max(maxSpeedKmh, edge.speedKmh);
    const straightKm = Math.hypot(xKm[edge.from]! - xKm[edge.to]!, yKm[edge.from]! - yKm[edge.to]!);
    if (straightKm > 0) minDetourRatio = Math.min(minDetourRatio, edge.lengthKm / straightKm);
  }

  return {
    nodeCount,
    edgeCount,
    lat,
    lon,
    xKm,
    yKm,
    edgeStart,
    edgeSource,
    edgeTarget,
    edgeLengthKm,
    edgeSpeedKmh,
    maxSpeedKmh,
    minDetourRatio,
  };
}

/** The node closest to a point (planar distance); a linear scan over a few thousand nodes. */
export function nearestNode(graph: RoadGraph, point: GeoPoint): number {
  const kmPerDegreeLon = KM_PER_DEGREE_LAT * Math.cos((point.lat * Math.PI) / 180);
  let best = 0;
  let bestDistance = Infinity;
  for (let n = 0; n < graph.nodeCount; n++) {
    const dy = (graph.lat[n]! - point.lat) * KM_PER_DEGREE_LAT;
    const dx = (graph.lon[n]! - point.lon) * kmPerDegreeLon;
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = n;
    }
  }
  return best;
}
