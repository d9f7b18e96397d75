import { describe, expect, it } from 'vitest';
import { flameGraphJson } from '../../test/fakes/flamegraph-builder';
import { flameGraphSchema, selfTimeByFunction, topFunctionsBySelf } from './flamegraph';

/**
 * total(100) -> main(100, self 10) -> estimateRoute(60, self 60)
 *                                  -> matchDriver(30, self 20) -> estimateRoute(10, self 10)
 * As Connect JSON: int64 as strings, offsets relative to the previous node's end.
 */
const response = {
  names: ['total', 'main', 'estimateRoute', 'matchDriver'],
  levels: [
    { values: ['0', '100', '0', '0'] },
    { values: ['0', '100', '10', '1'] },
    { values: ['0', '60', '60', '2', '0', '30', '20', '3'] },
    { values: ['60', '10', '10', '2'] },
  ],
  total: '100',
  maxSelf: '60',
};

describe('flame graph math', () => {
  it('parses Connect JSON with int64 strings', () => {
    const graph = flameGraphSchema.parse(response);
    expect(graph.total).toBe(100);
    expect(graph.levels[2]?.values).toEqual([0, 60, 60, 2, 0, 30, 20, 3]);
  });

  it('fills omitted default fields', () => {
    expect(flameGraphSchema.parse({})).toEqual({ names: [], levels: [], total: 0, maxSelf: 0 });
  });

  it('sums self time per function over all its nodes', () => {
    const graph = flameGraphSchema.parse(response);
    expect(Object.fromEntries(selfTimeByFunction(graph))).toEqual({
      main: 10,
      estimateRoute: 70,
      matchDriver: 20,
    });
  });

  it('lists the top functions by self time with their share of the total', () => {
    const graph = flameGraphSchema.parse(response);
    expect(topFunctionsBySelf(graph, 2)).toEqual([
      { name: 'estimateRoute', selfNs: 70, percent: 70 },
      { name: 'matchDriver', selfNs: 20, percent: 20 },
    ]);
    expect(topFunctionsBySelf(graph, 10).map((fn) => fn.name)).toEqual([
      'estimateRoute',
      'matchDriver',
      'main',
    ]);
  });

  it('agrees with a graph encoded from stacks', () => {
    const graph = flameGraphSchema.parse(
      flameGraphJson([
        { stack: ['main', 'handler', 'hash'], selfNs: 30_000_000 },
        { stack: ['main', 'handler'], selfNs: 10_000_000 },
        { stack: ['main', 'gc', 'hash'], selfNs: 20_000_000 },
      ]),
    );
    expect(graph.total).toBe(60_000_000);
    expect(topFunctionsBySelf(graph, 5)).toEqual([
      { name: 'hash', selfNs: 50_000_000, percent: (50 / 60) * 100 },
      { name: 'handler', selfNs: 10_000_000, percent: (10 / 60) * 100 },
    ]);
  });

  it('returns nothing for an empty graph', () => {
    const graph = flameGraphSchema.parse({
      names: ['total'],
      levels: [{ values: ['0', '0', '0', '0'] }],
      total: '0',
    });
    expect(topFunctionsBySelf(graph, 5)).toEqual([]);
  });
});
