// ride-service as it runs in production: `node --require @rideshare/otel-profiling/register dist/main.js`
// (run `pnpm build` first; turbo's test task does), with an in-test pricing double and OTLP receiver.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createEvent, TOPICS, type Ride } from '@rideshare/contracts';
import {
  consumeUntil,
  produceMessages,
  startTestServiceProcess,
  waitFor,
  type TestServiceProcess,
} from '@rideshare/service-kit/testing';
import { startOtlpReceiver, type OtlpReceiver } from '@rideshare/telemetry-receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakePricing, type FakePricing } from './fake-pricing';

const brokers = process.env.KAFKA_BROKERS as string;
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_PRODUCER = 4;
const SPAN_KIND_CONSUMER = 5;

let pricing: FakePricing;
let otlp: OtlpReceiver;
let started: TestServiceProcess | undefined;
let baseUrl: string;

beforeAll(async () => {
  pricing = await startFakePricing();
  otlp = await startOtlpReceiver();
  started = await startTestServiceProcess({
    appDir: path.resolve(__dirname, '..'),
    name: 'ride-service',
    env: {
      PRICING_URL: pricing.url,
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    },
  });
  baseUrl = started.process.url;
});

afterAll(async () => {
  await started?.stop();
  await pricing?.close();
  await otlp?.close();
});

describe('ride-service process', () => {
  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  let ride: Ride;
  let requestedTraceparent: string | undefined;
  const assignedTraceId = randomBytes(16).toString('hex');

  it('continues the caller trace over HTTP to pricing and over Kafka through the outbox', async () => {
    const response = await fetch(`${baseUrl}/rides`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({
        riderId: 'rider-trace',
        vehicle: 'bike',
        region: 'us-east',
        pickup: { lat: 40.7, lon: -74 },
        dropoff: { lat: 40.8, lon: -73.9 },
      }),
    });
    expect(response.status).toBe(201);
    ride = (await response.json()) as Ride;

    expect(pricing.requests.at(-1)?.headers.traceparent).toMatch(
      new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
    );

    const message = await consumeUntil({
      brokers,
      topic: TOPICS.rideRequested,
      predicate: (m) => (m.json as { data?: { rideId?: string } })?.data?.rideId === ride.id,
    });
    requestedTraceparent = message.headers.traceparent;
    expect(requestedTraceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('consumes driver.assigned inside the producer trace', async () => {
    const event = createEvent('driver.assigned', {
      rideId: ride.id,
      driverId: 'driver-9',
      region: 'us-east',
      vehicle: 'bike',
      etaSeconds: 90,
    });
    await produceMessages(brokers, TOPICS.driverAssigned, [
      {
        key: ride.id,
        value: event,
        headers: { traceparent: `00-${assignedTraceId}-${randomBytes(8).toString('hex')}-01` },
      },
    ]);
    await waitFor(
      async () =>
        ((await (await fetch(`${baseUrl}/rides/${ride.id}`)).json()) as Ride).status === 'ASSIGNED',
      {
        description: 'the ride to be ASSIGNED',
      },
    );
  });

  it('on SIGTERM drains, stops, flushes its spans and exits 0', async () => {
    const running = started!.process;
    expect(await running.stop(), running.output()).toBe(0);
    expect(running.output()).toContain('shutdown complete');

    const spans = otlp.spans.filter((span) => span.serviceName === 'ride-service');
    const requestSpans = spans.filter((span) => span.traceId === traceId);
    const server = requestSpans.find(
      (span) => span.kind === SPAN_KIND_SERVER && span.parentSpanId === callerSpanId,
    );
    expect(server, JSON.stringify(requestSpans.map((span) => span.name))).toBeDefined();
    expect(server?.attributes['pyroscope.profile.id']).toBe(server?.spanId);
    // The outbox relay's send continues the request trace; the message carries the producer span.
    const producer = requestSpans.find((span) => span.kind === SPAN_KIND_PRODUCER);
    expect(producer).toBeDefined();
    expect(requestedTraceparent).toBe(`00-${traceId}-${producer?.spanId}-01`);

    const consumer = spans.find(
      (span) => span.traceId === assignedTraceId && span.kind === SPAN_KIND_CONSUMER,
    );
    expect(consumer).toBeDefined();
    expect(consumer?.attributes['pyroscope.profile.id']).toBe(consumer?.spanId);
    // Housekeeping (outbox polling, readiness) starts no traces of its own.
    expect(
      spans.filter((span) => span.name.startsWith('pg') && span.parentSpanId === undefined),
    ).toEqual([]);
  });
});
