// First import: the tracer provider and http instrumentation are registered before the gateway loads.
import { exporter, stopTracing } from './support/in-memory-tracing';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { CreateRideCommand, QuoteRequest } from '@rideshare/contracts';
import { waitFor } from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedRequest } from './support/fake-service';
import { driverFrom, quoteFor, rideFrom, rideRequest } from './support/fixtures';
import { TestGateway } from './support/test-gateway';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;
const DRIVER_ID = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await TestGateway.start();
  gateway.rideService.respondWith(({ body }) => ({
    status: 201,
    body: rideFrom(body as CreateRideCommand),
  }));
  gateway.pricingService.respondWith(({ body }) => ({
    status: 200,
    body: quoteFor(body as QuoteRequest),
  }));
  gateway.driverService.respondWith(() => ({
    status: 200,
    body: driverFrom({
      name: 'Ada',
      vehicle: 'car',
      region: 'us-east',
      location: { lat: 1, lon: 2 },
    }),
  }));
});
afterAll(async () => {
  await gateway?.close();
  await stopTracing();
});
beforeEach(() => {
  gateway.resetFakes();
  exporter.reset();
});

function traceparentOf(request: ReceivedRequest | undefined): {
  traceId: string;
  parentSpanId: string;
} {
  const match = TRACEPARENT.exec(String(request?.headers.traceparent));
  expect(match, `traceparent ${String(request?.headers.traceparent)}`).not.toBeNull();
  return { traceId: match![1]!, parentSpanId: match![2]! };
}

/** The gateway's spans of one trace, once its server span has ended. */
async function gatewaySpans(
  traceId: string,
): Promise<{ server: ReadableSpan; clients: ReadableSpan[] }> {
  return waitFor(
    () => {
      const spans = exporter
        .getFinishedSpans()
        .filter((span) => span.spanContext().traceId === traceId);
      const server = spans.find((span) => span.kind === SpanKind.SERVER);
      return server && { server, clients: spans.filter((span) => span.kind === SpanKind.CLIENT) };
    },
    { timeoutMs: 5_000, description: `gateway spans of trace ${traceId}` },
  );
}

describe('W3C traceparent on calls to the internal services', () => {
  it('ride-service gets a traceparent whose parent is the client span of the gateway request span', async () => {
    const response = await gateway.request('POST', '/v1/rides', { body: rideRequest });
    expect(response.status).toBe(202);

    const { traceId, parentSpanId } = traceparentOf(gateway.rideService.received[0]);
    const { server, clients } = await gatewaySpans(traceId);
    const client = clients.find((span) => span.spanContext().spanId === parentSpanId);
    expect(client, 'the outgoing client span').toBeDefined();
    expect(client!.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  });

  it("continues the caller's trace", async () => {
    const callerTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await gateway.request('GET', `/v1/drivers/${DRIVER_ID}`, {
      headers: { traceparent: `00-${callerTraceId}-00f067aa0ba902b7-01` },
    });
    expect(response.status).toBe(200);

    expect(traceparentOf(gateway.driverService.received[0]).traceId).toBe(callerTraceId);
    const { server } = await gatewaySpans(callerTraceId);
    expect(server.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  });

  it('pricing-service gets one too', async () => {
    const response = await gateway.request(
      'GET',
      '/v1/quotes?vehicle=car&region=us-east&pickupLat=40.7&pickupLon=-74&dropoffLat=40.8&dropoffLon=-73.9',
    );
    expect(response.status).toBe(200);

    const { traceId } = traceparentOf(gateway.pricingService.received[0]);
    await gatewaySpans(traceId);
  });

  it('each request is its own trace', async () => {
    await gateway.request('GET', `/v1/drivers/${DRIVER_ID}`);
    await gateway.request('GET', `/v1/drivers/${DRIVER_ID}`);

    const [first, second] = gateway.driverService.received.map(
      (request) => traceparentOf(request).traceId,
    );
    expect(first).not.toBe(second);
  });
});
