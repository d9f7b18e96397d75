import { REGION_CENTERS, REGIONS, VEHICLES, type Region } from '@rideshare/contracts';

export { REGIONS, VEHICLES };
export const TERMINAL_STATUSES = ['ASSIGNED', 'NO_DRIVER', 'COMPLETED'] as const;

export interface Ride {
  id: string;
  status: 'REQUESTED' | 'ASSIGNED' | 'NO_DRIVER' | 'COMPLETED';
  driverId: string | null;
  vehicle: string;
  region: string;
}

/** A valid ride request near the region's center; `n` varies rider, vehicle and region. */
export function rideRequest(
  n: number,
  overrides: Partial<{ vehicle: string; region: string }> = {},
) {
  const vehicle = overrides.vehicle ?? VEHICLES[n % VEHICLES.length];
  const region = (overrides.region ??
    REGIONS[Math.floor(n / VEHICLES.length) % REGIONS.length]) as Region;
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

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function getRide(gatewayUrl: string, id: string): Promise<Ride> {
  const response = await fetch(`${gatewayUrl}/v1/rides/${id}`, {
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok)
    throw new Error(`GET /v1/rides/${id} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Ride;
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
  /** Status codes of the other answers (0: no answer). */
  rejected: number[];
}

/** Posts `count` ride requests, `concurrency` at a time; `before(n)` runs before request n. */
export async function postRides(
  gatewayUrl: string,
  count: number,
  options: {
    concurrency: number;
    request?: (n: number) => unknown;
    before?: (n: number) => Promise<void>;
  },
): Promise<PostedRides> {
  const result: PostedRides = { accepted: [], rejected: [] };
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      await options.before?.(n);
      try {
        const answer = await postJson(
          `${gatewayUrl}/v1/rides`,
          options.request?.(n) ?? rideRequest(n),
        );
        if (answer.status === 202) result.accepted.push((answer.body as { id: string }).id);
        else result.rejected.push(answer.status);
      } catch {
        result.rejected.push(0);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
