import path from 'node:path';
import { Quote } from '@rideshare/contracts';
import { startTestServiceProcess, type TestServiceProcess } from '@rideshare/service-kit/testing';
import { startOtlpReceiver, type OtlpReceiver } from '@rideshare/telemetry-receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let otlp: OtlpReceiver;
let started: TestServiceProcess | undefined;

beforeAll(async () => {
  otlp = await startOtlpReceiver();
  started = await startTestServiceProcess({
    appDir: path.resolve(__dirname, '..'),
    name: 'pricing-service',
    env: {
      SLOW_REGION: 'eu-north',
      SLOWDOWN_FACTOR: '2',
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

describe('pricing-service as `pnpm start` runs it', () => {
  it('quotes in every region, the slowed one included', async () => {
    for (const [region, pickup, dropoff] of [
      ['us-east', { lat: 40.71, lon: -74.0 }, { lat: 40.73, lon: -73.97 }],
      ['eu-north', { lat: 59.33, lon: 18.06 }, { lat: 59.35, lon: 18.1 }],
      ['ap-south', { lat: 19.07, lon: 72.87 }, { lat: 19.1, lon: 72.9 }],
    ] as const) {
      const response = await fetch(`${started!.process.url}/quotes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ vehicle: 'car', region, pickup, dropoff }),
      });
      expect(response.status).toBe(200);
      expect(Quote.parse(await response.json())).toMatchObject({
        region,
        vehicle: 'car',
        currency: 'USD',
      });
    }
  });

  it('exits 0 on SIGTERM, having exported its spans', async () => {
    const running = started!.process;
    expect(await running.stop(), running.output()).toBe(0);
    expect(otlp.otlpContentTypes.length).toBeGreaterThan(0);
    expect(otlp.spans.some((span) => span.serviceName === 'pricing-service')).toBe(true);
  });
});
