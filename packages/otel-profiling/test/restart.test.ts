import { trace } from '@opentelemetry/api';
import { startTelemetryReceiver } from '@rideshare/telemetry-receivers';
import { describe, expect, it } from 'vitest';
import { startTelemetry } from '../src';
import { allSamples } from './helpers/pprof';
import { namedBurner } from './helpers/workload';

async function tracedWork(functionName: string): Promise<string> {
  const burn = namedBurner(functionName);
  return trace.getTracer('restart-test').startActiveSpan(functionName, async (span) => {
    for (let i = 0; i < 6; i++) {
      burn(10);
      await new Promise((resolve) => setImmediate(resolve));
    }
    span.end();
    return span.spanContext().spanId;
  });
}

describe('startTelemetry after shutdown', () => {
  it('fully stops, and a second start profiles and labels again', async () => {
    const backends = await startTelemetryReceiver();
    const options = {
      serviceName: 'restart-test',
      otlpEndpoint: backends.url,
      pyroscopeServerAddress: backends.url,
      samplingIntervalMs: 2,
    };
    const first = startTelemetry(options);
    expect(() => startTelemetry(options)).toThrow(/already running/);
    const firstSpan = await tracedWork('firstSessionWork');
    await first.shutdown();
    await first.shutdown(); // idempotent
    const pushesAfterFirst = backends.pushes.length;

    // Stopped: no recording tracer, no labels.
    expect(trace.getTracer('x').startSpan('after-shutdown').isRecording()).toBe(false);

    const second = startTelemetry(options);
    const secondSpan = await tracedWork('secondSessionWork');
    await second.shutdown();
    await backends.close();

    expect(pushesAfterFirst).toBeGreaterThan(0);
    expect(backends.pushes.length).toBeGreaterThan(pushesAfterFirst);
    const labelsOf = (functionName: string) =>
      new Set(
        allSamples(backends.profiles)
          .filter((sample) => sample.functions.includes(functionName))
          .map((sample) => sample.labels['span_id']),
      );
    expect(labelsOf('firstSessionWork')).toEqual(new Set([firstSpan]));
    expect(labelsOf('secondSessionWork')).toEqual(new Set([secondSpan]));
    expect(backends.spans.map((span) => span.name).sort()).toEqual([
      'firstSessionWork',
      'secondSessionWork',
    ]);
  });
});
