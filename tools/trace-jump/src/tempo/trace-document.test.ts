import { describe, expect, it } from 'vitest';
import {
  traceDocument,
  type DocumentShape,
  type IdEncoding,
  type TraceFixture,
} from '../../test/fakes/otlp-trace';
import { parseTraceDocument, TraceDocumentError } from './trace-document';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const START_MS = 1_760_000_000_123.456;

const fixture: TraceFixture = {
  traceId: TRACE_ID,
  services: [
    {
      name: 'api-gateway',
      spans: [
        {
          spanId: '00f067aa0ba902b7',
          name: 'POST /v1/rides',
          startMs: START_MS,
          durationMs: 12.5,
          localRoot: true,
        },
        {
          spanId: '1111111111111111',
          parentSpanId: '00f067aa0ba902b7',
          name: 'POST',
          startMs: START_MS + 1,
          durationMs: 10,
        },
      ],
    },
    {
      name: 'pricing-service',
      spans: [
        {
          spanId: 'abcdef0123456789',
          parentSpanId: '1111111111111111',
          name: 'GET /quotes',
          startMs: START_MS + 2,
          durationMs: 3.25,
          localRoot: true,
        },
      ],
    },
  ],
};

const cases: [DocumentShape, IdEncoding][] = [
  ['batches', 'base64'],
  ['batches', 'hex'],
  ['resourceSpans', 'hex'],
  ['resourceSpans', 'base64'],
  ['v2', 'base64'],
  ['v2', 'hex'],
];

describe('parseTraceDocument', () => {
  it.each(cases)('reads the %s shape with %s ids', (shape, encoding) => {
    const spans = parseTraceDocument(traceDocument(fixture, shape, encoding));
    expect(spans).toEqual([
      {
        spanId: '00f067aa0ba902b7',
        parentSpanId: null,
        name: 'POST /v1/rides',
        service: 'api-gateway',
        startMs: START_MS,
        endMs: START_MS + 12.5,
        durationMs: 12.5,
        profileId: '00f067aa0ba902b7',
      },
      expect.objectContaining({
        spanId: '1111111111111111',
        parentSpanId: '00f067aa0ba902b7',
        profileId: null,
        durationMs: 10,
      }),
      expect.objectContaining({
        spanId: 'abcdef0123456789',
        service: 'pricing-service',
        profileId: 'abcdef0123456789',
        durationMs: 3.25,
      }),
    ]);
  });

  it('reads the pre-2.0 instrumentationLibrarySpans level, numeric times and a missing service name', () => {
    const spans = parseTraceDocument({
      batches: [
        {
          resource: { attributes: [] },
          instrumentationLibrarySpans: [
            {
              spans: [
                {
                  spanId: 'APBnqgupArc=',
                  parentSpanId: '',
                  name: 'legacy',
                  startTimeUnixNano: 1_000_000,
                  endTimeUnixNano: 3_500_000,
                  attributes: [
                    { key: 'pyroscope.profile.id', value: { stringValue: '00F067AA0BA902B7' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(spans).toEqual([
      {
        spanId: '00f067aa0ba902b7',
        parentSpanId: null,
        name: 'legacy',
        service: 'unknown_service',
        startMs: 1,
        endMs: 3.5,
        durationMs: 2.5,
        profileId: '00f067aa0ba902b7',
      },
    ]);
  });

  it('returns no spans for an empty trace', () => {
    expect(parseTraceDocument({})).toEqual([]);
    expect(parseTraceDocument({ batches: [] })).toEqual([]);
    expect(parseTraceDocument({ trace: {} })).toEqual([]);
  });

  it('throws TraceDocumentError for a document of another shape', () => {
    expect(() => parseTraceDocument({ batches: 'nope' })).toThrow(TraceDocumentError);
    expect(() => parseTraceDocument(null)).toThrow(TraceDocumentError);
    expect(() =>
      parseTraceDocument({
        batches: [{ scopeSpans: [{ spans: [{ spanId: 'zz', name: 'bad' }] }] }],
      }),
    ).toThrow(/malformed spanId "zz"/);
  });
});
