import type { ResolvedSample } from '@rideshare/telemetry-receivers';

export interface Attribution {
  /** CPU samples whose stack contains the request's function. */
  samples: number;
  own: number;
  other: number;
  unlabeled: number;
}

/**
 * For each request, looks at the CPU samples whose stack contains the
 * request's own function and counts whose `span_id` they carry.
 */
export function attributionByRequest(
  samples: ResolvedSample[],
  requests: Array<{ functionName: string; spanId: string }>,
): Map<string, Attribution> {
  const result = new Map<string, Attribution>();
  for (const { functionName, spanId } of requests) {
    const counts: Attribution = { samples: 0, own: 0, other: 0, unlabeled: 0 };
    for (const sample of samples) {
      if (!sample.functions.includes(functionName)) continue;
      const hits = sample.values[0] ?? 0;
      counts.samples += hits;
      const label = sample.labels['span_id'];
      if (label === undefined) counts.unlabeled += hits;
      else if (label === spanId) counts.own += hits;
      else counts.other += hits;
    }
    result.set(functionName, counts);
  }
  return result;
}
