import { describe, expect, it } from 'vitest';
import { estimateRoute } from './estimate-route';
import { generateRoadGraph } from './generate-road-graph';
import { buildRoadGraph, type RoadGraph } from './road-graph';
import { newWorkCounter } from './work-counter';

/** Floyd–Warshall over edge travel seconds: the ground truth for small graphs. */
function allPairsSeconds(
  graph: RoadGraph,
  maxSpeedKmh: number,
  factors?: Float64Array,
): number[][] {
  const n = graph.nodeCount;
  const d = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)),
  );
  for (let e = 0; e < graph.edgeCount; e++) {
    const seconds =
      (graph.edgeLengthKm[e]! / Math.min(graph.edgeSpeedKmh[e]!, maxSpeedKmh)) *
      3600 *
      (factors ? factors[e]! : 1);
    const row = d[graph.edgeSource[e]!]!;
    row[graph.edgeTarget[e]!] = Math.min(row[graph.edgeTarget[e]!]!, seconds);
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!);
  return d;
}

describe('estimateRoute', () => {
  // 0 --1km@60--> 1 --1km@60--> 2, and a direct 0 -- 2 road of 1.5 km at 30 km/h.
  const line = buildRoadGraph(
    [
      { lat: 0, lon: 0 },
      { lat: 0, lon: 0.009 },
      { lat: 0, lon: 0.018 },
    ],
    [
      { from: 0, to: 1, lengthKm: 1, speedKmh: 60 },
      { from: 1, to: 2, lengthKm: 1, speedKmh: 60 },
      { from: 0, to: 2, lengthKm: 2.5, speedKmh: 30 },
    ],
  );

  it('takes the faster route, not the one with fewer roads', () => {
    const route = estimateRoute(line, 0, 2, { maxSpeedKmh: 100 });
    expect(route?.nodes).toEqual([0, 1, 2]);
    expect(route?.distanceKm).toBeCloseTo(2, 9);
    expect(route?.travelSeconds).toBeCloseTo(120, 9);
  });

  it('drives no faster than the vehicle allows', () => {
    const route = estimateRoute(line, 0, 2, { maxSpeedKmh: 20 });
    expect(route?.nodes).toEqual([0, 1, 2]);
    expect(route?.travelSeconds).toBeCloseTo(360, 9);
  });

  it('avoids penalised roads but reports their real travel time', () => {
    const penalties = new Float64Array(line.edgeCount).fill(1);
    for (let e = 0; e < line.edgeCount; e++)
      if (line.edgeTarget[e] === 1 || line.edgeSource[e] === 1) penalties[e] = 10;
    const route = estimateRoute(line, 0, 2, { maxSpeedKmh: 100, edgePenalties: penalties });
    expect(route?.nodes).toEqual([0, 2]);
    expect(route?.travelSeconds).toBeCloseTo(300, 9);
  });

  it('returns a zero-length route from a node to itself, and null for an unreachable node', () => {
    expect(estimateRoute(line, 1, 1, { maxSpeedKmh: 50 })).toMatchObject({
      nodes: [1],
      distanceKm: 0,
      travelSeconds: 0,
    });
    const islands = buildRoadGraph(
      [
        { lat: 0, lon: 0 },
        { lat: 0, lon: 0.01 },
        { lat: 1, lon: 1 },
      ],
      [{ from: 0, to: 1, lengthKm: 1.2, speedKmh: 50 }],
    );
    expect(estimateRoute(islands, 0, 2, { maxSpeedKmh: 50 })).toBeNull();
  });

  it('matches exhaustive shortest paths on a generated graph, with and without traffic', () => {
    const graph = generateRoadGraph('check', { lat: 40.7, lon: -74 }, { gridSize: 7, spanKm: 3 });
    const factors = Float64Array.from(
      { length: graph.edgeCount },
      (_, e) => 1 + ((e * 7919) % 13) / 5,
    );
    for (const edgeTimeFactors of [undefined, factors]) {
      const truth = allPairsSeconds(graph, 45, edgeTimeFactors);
      for (const [start, goal] of [
        [0, 48],
        [6, 42],
        [3, 45],
        [10, 38],
      ] as const) {
        const route = estimateRoute(graph, start, goal, { maxSpeedKmh: 45, edgeTimeFactors });
        expect(route?.travelSeconds).toBeCloseTo(truth[start]![goal]!, 6);
        expect(route?.nodes[0]).toBe(start);
        expect(route?.nodes.at(-1)).toBe(goal);
      }
    }
  });

  it('counts its node expansions as work', () => {
    const work = newWorkCounter();
    estimateRoute(line, 0, 2, { maxSpeedKmh: 100, work });
    expect(work.units).toBe(3);
  });
});
