import { describe, expect, it } from 'vitest';
import { generateRoadGraph } from '../routing/generate-road-graph';
import { applyRegionalSlowdown } from './regional-slowdown';

describe('applyRegionalSlowdown', () => {
  const graph = generateRoadGraph(
    'eu-north',
    { lat: 59.33, lon: 18.07 },
    { gridSize: 8, spanKm: 3 },
  );

  it('does nothing for a factor of 0 and the same work for the same factor', () => {
    expect(applyRegionalSlowdown(graph, 0)).toBe(0);
    const once = applyRegionalSlowdown(graph, 1);
    expect(Number.isFinite(once)).toBe(true);
    expect(applyRegionalSlowdown(graph, 1)).toBe(once);
  });

  it('does more passes for a larger factor', () => {
    expect(applyRegionalSlowdown(graph, 2)).not.toBe(applyRegionalSlowdown(graph, 1));
  });
});
