import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { trace } from '@opentelemetry/api';
import type { Random } from '@rideshare/contracts';
import { GatewayClient } from '@rideshare/gateway-client';
import { budgetFor } from './endpoints';
import { resolveLoadOptions, type LoadOptionsInput } from './options';
import { createRandom } from './random';
import { driverFleet, randomRideRequest } from './ride-requests';
import { runRide } from './ride-flow';
import { arrivalSchedule, plannedRideCount } from './schedule';
import { LoadStats, type Progress, type Summary } from './stats';

const tracer = trace.getTracer('@rideshare/load-generator');

/** Drivers are registered this many at a time before the run. */
const DRIVER_REGISTRATION_CONCURRENCY = 8;

export interface RunHooks {
  /** Stops new arrivals; rides already sent still run to their end (each bounded by rideTimeoutMs). */
  signal?: AbortSignal;
  /** Called every progressIntervalMs. */
  onProgress?: (progress: Progress) => void;
}

/**
 * Runs one load test against the gateway and resolves with its summary.
 * Rejects only for invalid options; gateway failures are counted, not thrown.
 */
export async function runLoad(
  input: LoadOptionsInput = {},
  hooks: RunHooks = {},
): Promise<Summary> {
  const options = resolveLoadOptions(input);
  const { signal, onProgress } = hooks;
  const random = createRandom(options.seed);
  const client = new GatewayClient({
    baseUrl: options.gatewayUrl,
    timeoutMs: options.requestTimeoutMs,
    requestBudgetMs: budgetFor(options.requestTimeoutMs),
  });
  const stats = new LoadStats();
  stats.planned = plannedRideCount(options.rate, options);

  const startedAt = new Date();
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  const progressTimer = setInterval(
    () => onProgress?.(stats.progress(performance.now() - start, inFlight.size)),
    options.progressIntervalMs,
  );
  progressTimer.unref();

  try {
    await registerDrivers(client, stats, random, options.drivers);

    const context = { client, stats, options, random };
    const scheduleStart = performance.now();
    let riderNumber = 0;
    for (const offset of arrivalSchedule(options.rate, stats.planned)) {
      const wait = scheduleStart + offset - performance.now();
      if (wait > 0 && !(await sleepUnlessAborted(wait, signal))) break;
      if (signal?.aborted) break;
      if (inFlight.size >= options.maxInFlight) {
        stats.rideSkipped();
        continue;
      }
      const ride: Promise<void> = runRide(randomRideRequest(random, ++riderNumber), context)
        .catch((error: unknown) => stats.recordError('internal', String(error)))
        .finally(() => inFlight.delete(ride));
      inFlight.add(ride);
    }
    await Promise.all(inFlight);
  } finally {
    clearInterval(progressTimer);
  }

  return stats.summary({
    gatewayUrl: options.gatewayUrl,
    startedAt,
    elapsedMs: performance.now() - start,
    rate: options.rate,
    stoppedEarly: signal?.aborted ?? false,
  });
}

/** `perCombination` drivers for every vehicle x region, so that rides can be matched. */
async function registerDrivers(
  client: GatewayClient,
  stats: LoadStats,
  random: Random,
  perCombination: number,
) {
  const fleet = driverFleet(random, perCombination, randomUUID().slice(0, 8));
  if (fleet.length === 0) return;
  await tracer.startActiveSpan('loadgen register drivers', async (span) => {
    try {
      span.setAttribute('drivers.requested', fleet.length);
      const queue = [...fleet];
      const worker = async () => {
        for (let driver = queue.shift(); driver !== undefined; driver = queue.shift()) {
          const outcome = await client.createDriver(driver);
          stats.recordRequest('POST /v1/drivers', outcome);
          stats.driverRequested(outcome.kind === 'response' && outcome.status === 201);
        }
      };
      await Promise.all(Array.from({ length: DRIVER_REGISTRATION_CONCURRENCY }, worker));
    } finally {
      span.end();
    }
  });
}

/** False when the signal fired first. */
async function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
