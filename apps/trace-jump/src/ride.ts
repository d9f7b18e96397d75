import { setTimeout as sleep } from 'node:timers/promises';
import {
  GatewayClient,
  randomRideRequest,
  type RideRequest,
  type RideSummary,
} from './gateway-client';
import { generateTraceContext } from './ids';

export interface StartedRide {
  traceId: string;
  request: RideRequest;
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
  const gateway = new GatewayClient(plan.gatewayUrl);
  const context = generateTraceContext();
  const request = randomRideRequest();
  let ride = await gateway.requestRide(request, context.traceparent);
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
    ride = await gateway.getRide(ride.id);
  }
  return { traceId: context.traceId, request, ride };
}
