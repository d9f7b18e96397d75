/** What one call to the gateway came to: a response (any status), or no response at all. */
export type GatewayAnswer<T> = GatewayResponse<T> | GatewayFailure;

export type GatewayResponse<T> =
  ({ ok: true; body: T } & ResponseFacts) | ({ ok: false; body: unknown } & ResponseFacts);

interface ResponseFacts {
  kind: 'response';
  status: number;
  latencyMs: number;
  /** From `Retry-After` (seconds or an HTTP date), when the answer carries one. */
  retryAfterMs?: number;
}

export interface GatewayFailure {
  kind: 'network' | 'timeout';
  message: string;
  /** The socket error's code (`ECONNREFUSED`, ...), when there is one. */
  code?: string;
  latencyMs: number;
}

/** 503 and 429 say "not now": the call may be repeated after `Retry-After`. */
export function isRetryableAnswer(answer: GatewayAnswer<unknown>): boolean {
  return answer.kind === 'response' && (answer.status === 503 || answer.status === 429);
}
