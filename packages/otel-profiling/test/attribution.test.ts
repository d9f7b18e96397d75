import { startTelemetryReceiver, type TelemetryReceiver } from '@rideshare/telemetry-receivers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from '../src';
import { attributionByRequest } from './helpers/attribution';
import { allSamples } from './helpers/pprof';
import { namedBurner, simulateRequest } from './helpers/workload';

const CONCURRENT_REQUESTS = 16;

describe('attribution of CPU samples to concurrent requests', () => {
  let backends: TelemetryReceiver;
  let telemetry: Telemetry;

  beforeAll(async () => {
    backends = await startTelemetryReceiver();
    telemetry = startTelemetry({
      serviceName: 'attribution-test',
      otlpEndpoint: backends.url,
      pyroscopeServerAddress: backends.url,
      samplingIntervalMs: 2,
      uploadIntervalMs: 60_000,
    });
  });

  afterAll(async () => {
    await backends.close();
  });

  it('labels each request function with its own root span id', async () => {
    const requests = Array.from({ length: CONCURRENT_REQUESTS }, (_, i) => {
      const functionName = `burnForRequest${String(i).padStart(2, '0')}`;
      return { functionName, burn: namedBurner(functionName) };
    });

    const finished = await Promise.all(
      requests.map(({ functionName, burn }) =>
        simulateRequest(functionName, burn, { rounds: 14, burnMs: 4 }),
      ),
    );
    await telemetry.shutdown();

    const attribution = attributionByRequest(
      allSamples(backends.profiles),
      finished.map((request) => ({ functionName: request.name, spanId: request.spanId })),
    );

    for (const [functionName, counts] of attribution) {
      console.log(functionName, counts);
      expect(counts.samples, `${functionName} has CPU samples`).toBeGreaterThanOrEqual(10);
      expect(counts.own / counts.samples, `${functionName} own share`).toBeGreaterThanOrEqual(0.95);
      expect(counts.other / counts.samples, `${functionName} other share`).toBeLessThanOrEqual(
        0.02,
      );
    }
  });
});
