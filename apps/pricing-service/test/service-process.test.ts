import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Quote } from '@rideshare/contracts';
import {
  createTestDatabase,
  requiredEnv,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@rideshare/service-kit/testing';
import { startOtlpReceiver, type OtlpReceiver } from '@rideshare/telemetry-receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let database: TestDatabase;
let otlp: OtlpReceiver;
let service: ServiceProcess | undefined;

beforeAll(async () => {
  database = await createTestDatabase(requiredEnv('DATABASE_URL'), 'pricing_process');
  otlp = await startOtlpReceiver();
  service = await startServiceProcess({
    appDir: path.resolve(__dirname, '..'),
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      KAFKA_GROUP_ID: `pricing-process-test-${randomUUID()}`,
      SLOW_REGION: 'eu-north',
      SLOWDOWN_FACTOR: '2',
      LOG_LEVEL: 'warn',
      OTEL_SERVICE_NAME: 'pricing-service',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      PYROSCOPE_SERVER_ADDRESS: '',
    },
  });
});

afterAll(async () => {
  await service?.stop();
  await otlp?.close();
  await database?.drop();
});

describe('pricing-service as `pnpm start` runs it', () => {
  it('quotes in every region, the slowed one included', async () => {
    for (const [region, pickup, dropoff] of [
      ['us-east', { lat: 40.71, lon: -74.0 }, { lat: 40.73, lon: -73.97 }],
      ['eu-north', { lat: 59.33, lon: 18.06 }, { lat: 59.35, lon: 18.1 }],
      ['ap-south', { lat: 19.07, lon: 72.87 }, { lat: 19.1, lon: 72.9 }],
    ] as const) {
      const response = await fetch(`${service!.url}/quotes`, {
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
    const running = service!;
    service = undefined;
    expect(await running.stop(), running.output()).toBe(0);
    expect(otlp.otlpContentTypes.length).toBeGreaterThan(0);
    expect(otlp.spans.some((span) => span.serviceName === 'pricing-service')).toBe(true);
  });
});
