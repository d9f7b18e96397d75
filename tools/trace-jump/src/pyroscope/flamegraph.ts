import { z } from 'zod';

// Connect's JSON mapping writes int64 as strings; accept numbers too.
const int64 = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform(Number);

/**
 * `querier.v1.FlameGraph`: `levels[i].values` holds one group of four
 * numbers per node, `[offset, total, self, nameIndex]`, `nameIndex` pointing
 * into `names`. Fields at their default value are omitted from the JSON.
 */
export const flameGraphSchema = z.object({
  names: z.array(z.string()).default([]),
  levels: z.array(z.object({ values: z.array(int64).default([]) })).default([]),
  total: int64.default(0),
  maxSelf: int64.default(0),
});

export type FlameGraph = z.infer<typeof flameGraphSchema>;

export interface FunctionSelfTime {
  name: string;
  selfNs: number;
  /** Share of the flame graph's total, 0..100. */
  percent: number;
}

const VALUES_PER_NODE = 4;
const SELF_OFFSET = 2;
const NAME_INDEX_OFFSET = 3;

/** Self time per function name, summed over every node of the graph where it appears. */
export function selfTimeByFunction(graph: FlameGraph): Map<string, number> {
  const selfByName = new Map<string, number>();
  for (const level of graph.levels) {
    for (let i = 0; i + VALUES_PER_NODE <= level.values.length; i += VALUES_PER_NODE) {
      const self = level.values[i + SELF_OFFSET] ?? 0;
      const name = graph.names[level.values[i + NAME_INDEX_OFFSET] ?? -1] ?? '<unknown>';
      if (self > 0) selfByName.set(name, (selfByName.get(name) ?? 0) + self);
    }
  }
  return selfByName;
}

/** The `limit` functions with the most self time, largest first (ties by name). */
export function topFunctionsBySelf(graph: FlameGraph, limit: number): FunctionSelfTime[] {
  return [...selfTimeByFunction(graph)]
    .sort(([nameA, a], [nameB, b]) => b - a || nameA.localeCompare(nameB))
    .slice(0, limit)
    .map(([name, selfNs]) => ({
      name,
      selfNs,
      percent: graph.total > 0 ? (selfNs / graph.total) * 100 : 0,
    }));
}
