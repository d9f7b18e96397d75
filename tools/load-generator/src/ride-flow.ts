import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { Ride, type CreateRideRequest, type Random, type RideStatus } from '@rideshare/contracts';
import {
  isRetryableAnswer,
  type GatewayAnswer,
  type GatewayClient,
  type GatewayResponse,
} from '@rideshare/gateway-client';
import type { LoadOptions } from './options';
import { between } from './random';
import type { LoadStats } from './stats';

const tracer = trace.getTracer('@rideshare/load-generator');

/** Polling of GET /v1/rides/:id: 100 ms, then 1.5x longer each time, at most 1 s apart. */
export const POLL_INITIAL_MS = 100;
export const POLL_BACKOFF = 1.5;
export const POLL_MAX_MS = 1000;
/** Never retry a 503/429 sooner than this, even after `Retry-After: 0`. */
export const MIN_RETRY_DELAY_MS = 100;

export interface RideFlowContext {
  client: GatewayClient;
  stats: LoadStats;
  options: Pick<LoadOptions, 'rideTimeoutMs' | 'holdMinMs' | 'holdMaxMs'>;
  random: Random;
}

/**
 * One ride from request to its end, under one span so that the whole
 * lifecycle (create, polls, complete) is one trace:
 * POST /v1/rides -> poll until ASSIGNED or NO_DRIVER (bounded by rideTimeoutMs)
 * -> for ASSIGNED, hold a random short time, then POST /v1/rides/:id/complete.
 */
export function runRide(request: CreateRideRequest, context: RideFlowContext): Promise<void> {
  return tracer.startActiveSpan(
    'loadgen ride',
    { attributes: { 'ride.vehicle': request.vehicle, 'ride.region': request.region } },
    async (span) => {
      try {
        const finalStatus = await rideLifecycle(request, context, span);
        if (finalStatus !== undefined) span.setAttribute('ride.final_status', finalStatus);
        if (
          finalStatus === undefined ||
          finalStatus === 'REQUESTED' ||
          finalStatus === 'ASSIGNED'
        ) {
          span.setStatus({
            code: SpanStatusCode.ERROR,
            message: `ride ended ${finalStatus ?? 'rejected'}`,
          });
        }
      } finally {
        span.end();
      }
    },
  );
}

/** Returns the ride's last known status, or undefined when it was never accepted. */
async function rideLifecycle(
  request: CreateRideRequest,
  { client, stats, options, random }: RideFlowContext,
  span: Span,
): Promise<RideStatus | undefined> {
  const requestedAt = performance.now();
  stats.rideSent(request.vehicle, request.region);

  const deadline = requestedAt + options.rideTimeoutMs;
  // One key for every attempt: a retried request can never create a second ride.
  const idempotencyKey = randomUUID();
  let created = await client.createRide(request, idempotencyKey);
  let retried = false;
  // A 503/429 ("not now") and a request that got no answer (timeout, connection reset) are sent
  // again, after Retry-After (or 1 s) with jitter, while the ride's deadline allows.
  while (isRetryableAnswer(created) || created.kind !== 'response') {
    const wait = retryDelayMs(created);
    if (performance.now() + wait > deadline) break;
    stats.recordRetryableAnswer('POST /v1/rides', created);
    retried = true;
    await sleep(wait);
    created = await client.createRide(request, idempotencyKey);
  }
  if (isRetryableAnswer(created)) {
    stats.recordRetryableAnswer('POST /v1/rides', created);
    stats.recordError(
      'shed_until_deadline',
      `POST /v1/rides answered ${statusOf(created)} until the ride's deadline`,
    );
    return undefined;
  }
  stats.recordRequest('POST /v1/rides', created);
  if (created.kind !== 'response' || created.status !== 202) return undefined;
  const ride = parseRide(created, stats);
  if (ride === undefined) return undefined;
  stats.rideAccepted(created.latencyMs, retried);
  span.setAttribute('ride.id', ride.id);

  let status = ride.status;
  let delay = POLL_INITIAL_MS;
  while (status === 'REQUESTED') {
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      stats.recordError(
        'ride_deadline',
        `ride ${ride.id} still REQUESTED after ${options.rideTimeoutMs} ms`,
      );
      break;
    }
    await sleep(Math.min(delay, remaining));
    delay = Math.min(delay * POLL_BACKOFF, POLL_MAX_MS);
    const polled = await client.getRide(ride.id);
    if (isRetryableAnswer(polled)) {
      // "Not now": wait at least as long as the gateway asks before the next poll.
      stats.recordRetryableAnswer('GET /v1/rides/:id', polled);
      delay = Math.max(delay, retryDelayMs(polled));
      continue;
    }
    stats.recordRequest('GET /v1/rides/:id', polled);
    // Errors while polling (a restarting service, say) are counted and polling goes on.
    if (polled.kind === 'response' && polled.status === 200)
      status = parseRide(polled, stats)?.status ?? status;
  }

  if (status === 'ASSIGNED') {
    stats.rideAssigned(performance.now() - requestedAt);
    await sleep(between(random, options.holdMinMs, options.holdMaxMs));
    status = await completeRide(ride.id, { client, stats, options });
  }
  stats.rideFinished(status);
  return status;
}

/**
 * Completes an ASSIGNED ride, retrying while no answer or a 5xx comes back
 * (bounded by rideTimeoutMs, after `Retry-After` for a 503/429) so that
 * drivers are not left reserved. A 4xx (409: not ASSIGNED any more) is final.
 */
async function completeRide(
  id: string,
  { client, stats, options }: Pick<RideFlowContext, 'client' | 'stats' | 'options'>,
): Promise<RideStatus> {
  const deadline = performance.now() + options.rideTimeoutMs;
  let delay = POLL_INITIAL_MS;
  for (;;) {
    const outcome = await client.completeRide(id);
    const wait = isRetryableAnswer(outcome) ? Math.max(delay, retryDelayMs(outcome)) : delay;
    const lastChance = performance.now() + wait > deadline;
    if (isRetryableAnswer(outcome) && !lastChance)
      stats.recordRetryableAnswer('POST /v1/rides/:id/complete', outcome);
    else stats.recordRequest('POST /v1/rides/:id/complete', outcome);
    if (outcome.kind === 'response' && outcome.status === 200)
      return parseRide(outcome, stats)?.status ?? 'ASSIGNED';
    if (outcome.kind === 'response' && outcome.status < 500) return 'ASSIGNED';
    if (lastChance) return 'ASSIGNED';
    await sleep(wait);
    delay = Math.min(delay * POLL_BACKOFF, POLL_MAX_MS);
  }
}

/**
 * `Retry-After` (1 s when absent) stretched by up to 50 % so that shed callers do not all return
 * at once. Not from the seeded generator: `--seed` fixes the ride mix whatever the gateway answers.
 */
function retryDelayMs(outcome: GatewayAnswer<unknown>): number {
  const retryAfterMs = outcome.kind === 'response' ? (outcome.retryAfterMs ?? 1000) : 1000;
  return Math.max(retryAfterMs, MIN_RETRY_DELAY_MS) * between(Math.random, 1, 1.5);
}

function statusOf(outcome: GatewayAnswer<unknown>): string {
  return outcome.kind === 'response' ? String(outcome.status) : outcome.kind;
}

function parseRide(outcome: GatewayResponse<unknown>, stats: LoadStats): Ride | undefined {
  const parsed = Ride.safeParse(outcome.body);
  if (parsed.success) return parsed.data;
  stats.recordError(
    'invalid_response',
    `not a ride: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
  );
  return undefined;
}
