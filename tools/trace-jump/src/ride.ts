import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { CreateRideRequest } from '@rideshare/contracts';
import { GatewayClient } from '@rideshare/gateway-client';
import { rideOrJumpError, type RideSummary } from './gateway-answers';
import { generateTraceContext } from './ids';
import { randomRideRequest } from './ride-request';

export interface StartedRide {
  traceId: string;
  request: CreateRideRequest;
  ride: RideSummary;
}

export interface RidePlan {
  gatewayUrl: string;
  /** Stop waiting for the ride to leave REQUESTED at this time. */
  waitUntilMs: number;
  intervalMs: number;
  progress(message: string): void;
}

/**
 * Requests one ride under a trace context made here (so the trace id is
 * known), then waits until the ride leaves REQUESTED: by then the Kafka part
 * of the flow has run and belongs to the same trace.
 */
export async function startTracedRide(plan: RidePlan): Promise<StartedRide> {
  const gateway = new GatewayClient({ baseUrl: plan.gatewayUrl, timeoutMs: 15_000 });
  const context = generateTraceContext();
  const request = randomRideRequest();
  let ride = rideOrJumpError(
    await gateway.createRide(request, randomUUID(), { traceparent: context.traceparent }),
    plan.gatewayUrl,
    '/v1/rides',
  );
  plan.progress(
    `requested ride ${ride.id} (${request.vehicle}, ${request.region}) in trace ${context.traceId}`,
  );

  const startedAt = Date.now();
  for (let attempt = 1; ride.status === 'REQUESTED'; attempt++) {
    if (Date.now() + plan.intervalMs > plan.waitUntilMs) {
      plan.progress(`ride ${ride.id} is still REQUESTED; following the trace as it is`);
      break;
    }
    plan.progress(
      `waiting for ride ${ride.id} to leave REQUESTED (attempt ${attempt}, ${Math.round((Date.now() - startedAt) / 1000)}s)`,
    );
    await sleep(plan.intervalMs);
    const path = `/v1/rides/${encodeURIComponent(ride.id)}`;
    ride = rideOrJumpError(await gateway.getRide(ride.id), plan.gatewayUrl, path);
  }
  return { traceId: context.traceId, request, ride };
}
