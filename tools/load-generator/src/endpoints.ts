/** The gateway routes the generator calls, as they appear in the summary. */
export const ENDPOINTS = [
  'POST /v1/drivers',
  'POST /v1/rides',
  'GET /v1/rides/:id',
  'POST /v1/rides/:id/complete',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** The status each endpoint answers when all is well; anything else counts as an error. */
export const EXPECTED_STATUS: Record<Endpoint, number> = {
  'POST /v1/drivers': 201,
  'POST /v1/rides': 202,
  'GET /v1/rides/:id': 200,
  'POST /v1/rides/:id/complete': 200,
};

/**
 * The gateway is asked to answer within 80 % of the generator's own timeout (at least 500 ms
 * sooner): on a saturated machine its timers fire late, and its 503 should still arrive first.
 */
export function budgetFor(requestTimeoutMs: number): number {
  return Math.max(1, Math.min(requestTimeoutMs - 500, Math.floor(requestTimeoutMs * 0.8)));
}
