/**
 * Builds trace-by-id documents as Tempo's HTTP API returns them, in each of
 * its shapes and id encodings.
 */

export interface FixtureSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  startMs: number;
  durationMs: number;
  /** Sets `pyroscope.profile.id` to the span id (a local root). */
  localRoot?: boolean;
}

export interface FixtureService {
  name: string;
  spans: FixtureSpan[];
}

export type DocumentShape = 'batches' | 'resourceSpans' | 'v2';
export type IdEncoding = 'hex' | 'base64';

export interface TraceFixture {
  traceId: string;
  services: FixtureService[];
}

function encodeId(hex: string, encoding: IdEncoding): string {
  return encoding === 'hex' ? hex : Buffer.from(hex, 'hex').toString('base64');
}

function msToNanos(ms: number): string {
  return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}

export function traceDocument(
  fixture: TraceFixture,
  shape: DocumentShape = 'batches',
  encoding: IdEncoding = 'base64',
): object {
  const resourceSpans = fixture.services.map((service) => ({
    resource: {
      attributes: [
        { key: 'service.name', value: { stringValue: service.name } },
        { key: 'region', value: { stringValue: 'eu-north' } },
        { key: 'process.pid', value: { intValue: '4242' } },
      ],
    },
    scopeSpans: [
      {
        scope: { name: '@opentelemetry/instrumentation-http', version: '0.301.0' },
        spans: service.spans.map((span) => ({
          traceId: encodeId(fixture.traceId, encoding),
          spanId: encodeId(span.spanId, encoding),
          ...(span.parentSpanId ? { parentSpanId: encodeId(span.parentSpanId, encoding) } : {}),
          name: span.name,
          kind: encoding === 'hex' ? 2 : 'SPAN_KIND_SERVER',
          startTimeUnixNano: msToNanos(span.startMs),
          endTimeUnixNano: msToNanos(span.startMs + span.durationMs),
          attributes: [
            { key: 'http.response.status_code', value: { intValue: '202' } },
            ...(span.localRoot
              ? [{ key: 'pyroscope.profile.id', value: { stringValue: span.spanId } }]
              : []),
          ],
          status: {},
        })),
      },
    ],
  }));
  if (shape === 'batches') return { batches: resourceSpans };
  if (shape === 'resourceSpans') return { resourceSpans };
  return { trace: { resourceSpans } };
}

/**
 * The ride flow of the root README, `ageMs` in the past: gateway -> ride-service ->
 * pricing over HTTP, then Kafka consumers in driver-service and pricing-service
 * and back in ride-service. Every service's entry span is a local root.
 */
export function rideTrace(traceId: string, ageMs = 60_000, callerSpanId?: string): TraceFixture {
  const t = Date.now() - ageMs;
  return {
    traceId,
    services: [
      {
        name: 'api-gateway',
        spans: [
          {
            spanId: 'a1a1a1a1a1a1a1a1',
            parentSpanId: callerSpanId,
            name: 'POST /v1/rides',
            startMs: t,
            durationMs: 42.5,
            localRoot: true,
          },
          {
            spanId: 'a2a2a2a2a2a2a2a2',
            parentSpanId: 'a1a1a1a1a1a1a1a1',
            name: 'POST',
            startMs: t + 2,
            durationMs: 38,
          },
        ],
      },
      {
        name: 'ride-service',
        spans: [
          {
            spanId: 'b1b1b1b1b1b1b1b1',
            parentSpanId: 'a2a2a2a2a2a2a2a2',
            name: 'POST /rides',
            startMs: t + 3,
            durationMs: 35,
            localRoot: true,
          },
          {
            spanId: 'b2b2b2b2b2b2b2b2',
            parentSpanId: 'b1b1b1b1b1b1b1b1',
            name: 'pg.query:INSERT',
            startMs: t + 20,
            durationMs: 4,
          },
          {
            spanId: 'b3b3b3b3b3b3b3b3',
            parentSpanId: 'd2d2d2d2d2d2d2d2',
            name: 'driver.assigned process',
            startMs: t + 120,
            durationMs: 6,
            localRoot: true,
          },
        ],
      },
      {
        name: 'pricing-service',
        spans: [
          {
            spanId: 'c1c1c1c1c1c1c1c1',
            parentSpanId: 'b1b1b1b1b1b1b1b1',
            name: 'GET /quotes',
            startMs: t + 5,
            durationMs: 12,
            localRoot: true,
          },
          {
            spanId: 'c2c2c2c2c2c2c2c2',
            parentSpanId: 'b2b2b2b2b2b2b2b2',
            name: 'ride.requested process',
            startMs: t + 80,
            durationMs: 3,
            localRoot: true,
          },
        ],
      },
      {
        name: 'driver-service',
        spans: [
          {
            spanId: 'd1d1d1d1d1d1d1d1',
            parentSpanId: 'b2b2b2b2b2b2b2b2',
            name: 'ride.requested process',
            startMs: t + 78,
            durationMs: 25,
            localRoot: true,
          },
          {
            spanId: 'd2d2d2d2d2d2d2d2',
            parentSpanId: 'd1d1d1d1d1d1d1d1',
            name: 'driver.assigned send',
            startMs: t + 100,
            durationMs: 1,
          },
        ],
      },
    ],
  };
}
