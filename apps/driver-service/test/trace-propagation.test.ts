import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TOPICS } from '@rideshare/contracts';
import {
  consumeUntil,
  produceMessages,
  requiredEnv,
  startTestServiceProcess,
  type TestServiceProcess,
} from '@rideshare/service-kit/testing';
import { startOtlpReceiver, type OtlpReceiver } from '@rideshare/telemetry-receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rideRequested } from './support/ride-events';

let otlp: OtlpReceiver;
let started: TestServiceProcess | undefined;
const kafkaBrokers = requiredEnv('KAFKA_BROKERS');

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  started = await startTestServiceProcess({
    appDir: path.resolve(__dirname, '..'),
    name: 'driver-service',
    env: {
      DRIVERS_PER_REGION_VEHICLE: '2',
      LOG_LEVEL: 'warn',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      PYROSCOPE_SERVER_ADDRESS: '',
    },
  });
});

afterAll(async () => {
  await started?.stop();
  await otlp?.close();
});

describe('driver-service started with the telemetry register entry', () => {
  it("continues the consumed ride.requested's trace in the driver.assigned it emits", async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentSpanId = randomBytes(8).toString('hex');
    const requested = rideRequested('eu-north', 'car');
    await produceMessages(kafkaBrokers, TOPICS.rideRequested, [
      {
        key: requested.data.rideId,
        value: requested,
        headers: { traceparent: `00-${traceId}-${parentSpanId}-01` },
      },
    ]);

    const assigned = await consumeUntil({
      brokers: kafkaBrokers,
      topic: TOPICS.driverAssigned,
      predicate: (message) =>
        (message.json as { data?: { rideId?: string } })?.data?.rideId === requested.data.rideId,
      timeoutMs: 60_000,
    });
    const [version, assignedTraceId, assignedSpanId, flags] = (
      assigned.headers.traceparent ?? ''
    ).split('-');
    expect(version).toBe('00');
    expect(assignedTraceId).toBe(traceId);
    // A span of driver-service's own (the producer span), not the upstream one.
    expect(assignedSpanId).toMatch(/^[0-9a-f]{16}$/);
    expect(assignedSpanId).not.toBe(parentSpanId);
    expect(flags).toBe('01');
  });

  it('exits 0 on SIGTERM after draining, having exported its spans', async () => {
    const running = started!.process;
    const code = await running.stop();
    expect(code, running.output()).toBe(0);
    expect(otlp.otlpContentTypes.length).toBeGreaterThan(0);
    expect(otlp.spans.some((span) => span.serviceName === 'driver-service')).toBe(true);
  });
});
