import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  REGION_CENTERS,
  REGIONS,
  VEHICLES,
  type CreateRideRequest,
  type Region,
  type Ride,
  type Vehicle,
} from '@rideshare/contracts';
import { GatewayClient, isRetryableAnswer } from '@rideshare/gateway-client';

export const TERMINAL_STATUSES = ['ASSIGNED', 'NO_DRIVER', 'COMPLETED'] as const;

const gateway = (gatewayUrl: string) => new GatewayClient({ baseUrl: gatewayUrl });

/** A valid ride request near the region's center; `n` varies rider, vehicle and region. */
export function rideRequest(
  n: number,
  overrides: Partial<{ vehicle: Vehicle; region: Region }> = {},
): CreateRideRequest {
  const vehicle = overrides.vehicle ?? (VEHICLES[n % VEHICLES.length] as Vehicle);
  const region =
    overrides.region ?? (REGIONS[Math.floor(n / VEHICLES.length) % REGIONS.length] as Region);
  const center = REGION_CENTERS[region];
  const offset = ((n % 7) - 3) * 0.004;
  return {
    riderId: `rider-${n}`,
    vehicle,
    region,
    pickup: { lat: center.lat + offset, lon: center.lon - offset },
    dropoff: { lat: center.lat - 2 * offset + 0.02, lon: center.lon + offset + 0.02 },
  };
}

export interface PostedRide {
  /** The last answer's status (202 when the ride was accepted). */
  status: number;
  body: unknown;
  /** Every status answered on the way, retried ones included, in order. */
  answers: number[];
}

/**
 * `POST /v1/rides` as a well-behaved client does it: with an `Idempotency-Key`, and on a 503/429
 * again with the same key after `Retry-After` (jittered, at least 100 ms), until `retryForMs`
 * has passed. The key makes the retries safe: however many attempts, at most one ride.
 * Throws when the gateway does not answer at all.
 */
export async function postRide(
  gatewayUrl: string,
  ride: CreateRideRequest,
  options: { headers?: Record<string, string>; retryForMs?: number } = {},
): Promise<PostedRide> {
  const client = gateway(gatewayUrl);
  const idempotencyKey = randomUUID();
  const giveUpAt = Date.now() + (options.retryForMs ?? 120_000);
  const answers: number[] = [];
  for (;;) {
    const answer = await client.createRide(ride, idempotencyKey, options.headers);
    if (answer.kind !== 'response') throw new Error(`POST /v1/rides: ${answer.message}`);
    answers.push(answer.status);
    if (!isRetryableAnswer(answer)) return { status: answer.status, body: answer.body, answers };
    const waitMs = Math.max(answer.retryAfterMs ?? 1000, 100);
    const jittered = waitMs * (1 + Math.random() / 2);
    if (Date.now() + jittered > giveUpAt)
      return { status: answer.status, body: answer.body, answers };
    await sleep(jittered);
  }
}

export async function getRide(gatewayUrl: string, id: string): Promise<Ride> {
  const answer = await gateway(gatewayUrl).getRide(id);
  if (answer.kind !== 'response') throw new Error(`GET /v1/rides/${id}: ${answer.message}`);
  if (!answer.ok)
    throw new Error(
      `GET /v1/rides/${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  return answer.body;
}

/** Polls until every ride satisfies `done`, or throws after `timeoutMs` naming the stragglers. */
export async function waitForRides(
  gatewayUrl: string,
  ids: string[],
  done: (ride: Ride) => boolean,
  timeoutMs = 120_000,
): Promise<Map<string, Ride>> {
  const settled = new Map<string, Ride>();
  const deadline = Date.now() + timeoutMs;
  while (settled.size < ids.length) {
    for (const id of ids) {
      if (settled.has(id)) continue;
      try {
        const ride = await getRide(gatewayUrl, id);
        if (done(ride)) settled.set(id, ride);
      } catch {
        // a service may be restarting: try again on the next round
      }
    }
    if (settled.size === ids.length) break;
    if (Date.now() > deadline) {
      const waiting = ids.filter((id) => !settled.has(id));
      throw new Error(
        `${waiting.length} rides did not settle in time, e.g. ${waiting.slice(0, 5).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return settled;
}

export const isTerminal = (ride: Ride) =>
  (TERMINAL_STATUSES as readonly string[]).includes(ride.status);

export interface PostedRides {
  /** Ids of rides answered with 202. */
  accepted: string[];
  /** Final status codes of the requests that were not accepted (0: no answer). */
  rejected: number[];
  /** How often each status was answered, retried answers included. */
  answers: Record<number, number>;
  /** Requests accepted only after one or more 503/429 answers. */
  acceptedAfterRetry: number;
}

/**
 * Posts `count` ride requests, `concurrency` at a time, each through `postRide` (retried after
 * 503/429 with its own Idempotency-Key); `before(n)` runs before request n.
 */
export async function postRides(
  gatewayUrl: string,
  count: number,
  options: {
    concurrency: number;
    request?: (n: number) => CreateRideRequest;
    before?: (n: number) => Promise<void>;
    retryForMs?: number;
  },
): Promise<PostedRides> {
  const result: PostedRides = { accepted: [], rejected: [], answers: {}, acceptedAfterRetry: 0 };
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      await options.before?.(n);
      try {
        const answer = await postRide(gatewayUrl, options.request?.(n) ?? rideRequest(n), {
          retryForMs: options.retryForMs,
        });
        for (const status of answer.answers)
          result.answers[status] = (result.answers[status] ?? 0) + 1;
        if (answer.status === 202) {
          result.accepted.push((answer.body as { id: string }).id);
          if (answer.answers.length > 1) result.acceptedAfterRetry += 1;
        } else result.rejected.push(answer.status);
      } catch {
        result.rejected.push(0);
        result.answers[0] = (result.answers[0] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
