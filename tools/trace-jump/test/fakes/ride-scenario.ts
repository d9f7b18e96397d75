import type { FakePyroscope } from './fake-pyroscope';
import type { TraceFixture } from './otlp-trace';

/**
 * CPU samples for the local roots of `rideTrace()`; the two Kafka roots in
 * ride/pricing have none. `except` names a service left without any upload.
 */
export function addRideProfiles(
  pyroscope: FakePyroscope,
  trace: TraceFixture,
  except?: string,
): void {
  const samplesBySpan: Record<string, { stack: string[]; selfNs: number }[]> = {
    a1a1a1a1a1a1a1a1: [
      { stack: ['main', 'handleRide', 'validateRide'], selfNs: 5_000_000 },
      { stack: ['main', 'serializeRide'], selfNs: 3_000_000 },
    ],
    b1b1b1b1b1b1b1b1: [{ stack: ['main', 'createRide', 'insertOutbox'], selfNs: 8_000_000 }],
    c1c1c1c1c1c1c1c1: [
      { stack: ['main', 'quote', 'estimateRoute'], selfNs: 30_000_000 },
      { stack: ['main', 'quote', 'surgeMultiplier'], selfNs: 10_000_000 },
      { stack: ['main', 'quote'], selfNs: 2_000_000 },
    ],
    d1d1d1d1d1d1d1d1: [{ stack: ['main', 'matchDriver', 'nearestDriver'], selfNs: 12_000_000 }],
  };
  for (const service of trace.services) {
    if (service.name === except) continue;
    for (const span of service.spans) {
      const samples = samplesBySpan[span.spanId];
      if (samples) {
        pyroscope.addSpanSamples(
          service.name,
          span.spanId,
          { startMs: span.startMs, endMs: span.startMs + span.durationMs },
          samples,
        );
      }
    }
    // Every service has uploaded since the flow, so an empty span profile means "no samples".
    pyroscope.addUpload(service.name, Date.now());
  }
}
