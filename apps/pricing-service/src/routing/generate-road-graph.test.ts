import { describe, expect, it } from 'vitest';
import { generateRoadGraph } from './generate-road-graph';
import { nearestNode } from './road-graph';

const center = { lat: 59.3293, lon: 18.0686 };
const shape = { gridSize: 20, spanKm: 10 };

describe('generateRoadGraph', () => {
  it('yields identical graphs for the same seed name', () => {
    const a = generateRoadGraph('eu-north', center, shape);
    const b = generateRoadGraph('eu-north', center, shape);
    expect(a.nodeCount).toBe(400);
    expect(b.edgeCount).toBe(a.edgeCount);
    expect(Array.from(b.edgeTarget)).toEqual(Array.from(a.edgeTarget));
    expect(Array.from(b.edgeLengthKm)).toEqual(Array.from(a.edgeLengthKm));
    expect(Array.from(b.edgeSpeedKmh)).toEqual(Array.from(a.edgeSpeedKmh));
  });

  it('yields different road weights for a different seed name', () => {
    const a = generateRoadGraph('eu-north', center, shape);
    const b = generateRoadGraph('us-east', center, shape);
    expect(Array.from(b.edgeLengthKm)).not.toEqual(Array.from(a.edgeLengthKm));
  });

  it('covers the requested span around the center, with roads never shorter than the straight line', () => {
    const graph = generateRoadGraph('ap-south', center, shape);
    expect(graph.xKm[graph.nodeCount - 1]).toBeCloseTo(10, 6);
    expect(graph.yKm[graph.nodeCount - 1]).toBeCloseTo(10, 6);
    const middle = nearestNode(graph, center);
    expect(Math.abs(graph.lat[middle]! - center.lat)).toBeLessThan(0.01);
    expect(graph.minDetourRatio).toBeGreaterThanOrEqual(1);
  });

  it('connects every street-grid neighbour in both directions', () => {
    const graph = generateRoadGraph('us-east', center, shape);
    const targetsOf = (node: number) =>
      Array.from(graph.edgeTarget.subarray(graph.edgeStart[node]!, graph.edgeStart[node + 1]!));
    expect(targetsOf(0)).toEqual(expect.arrayContaining([1, 20]));
    expect(targetsOf(1)).toContain(0);
    expect(targetsOf(20)).toContain(0);
  });
});
