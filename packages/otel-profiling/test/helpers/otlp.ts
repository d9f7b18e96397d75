import { createRequire } from 'node:module';

/** One span as received by the in-test OTLP receiver, ids as lowercase hex. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

interface KeyValue {
  key: string;
  value?: Record<string, unknown>;
}
interface OtlpSpan {
  traceId: Uint8Array | string;
  spanId: Uint8Array | string;
  parentSpanId?: Uint8Array | string | null;
  name: string;
  kind?: number;
  attributes?: KeyValue[];
}
interface OtlpTraceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

// The protobuf definitions the OTel exporter itself is generated from.
const requireFromHere = createRequire(__filename);
const protoRoot = requireFromHere('@opentelemetry/otlp-transformer/build/src/generated/root') as {
  opentelemetry: {
    proto: {
      collector: {
        trace: {
          v1: { ExportTraceServiceRequest: { decode(bytes: Uint8Array): OtlpTraceRequest } };
        };
      };
    };
  };
};

/** Decodes an OTLP/HTTP trace export body, protobuf or JSON. */
export function decodeOtlpTraces(body: Buffer, contentType: string): ReceivedSpan[] {
  const request: OtlpTraceRequest = contentType.includes('json')
    ? (JSON.parse(body.toString('utf8')) as OtlpTraceRequest)
    : protoRoot.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.decode(body);
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          name: span.name,
          kind: span.kind ?? 0,
          attributes: attributesOf(span.attributes),
          resource,
        });
      }
    }
  }
  return spans;
}

function hex(id: Uint8Array | string | null | undefined): string {
  if (id === undefined || id === null) return '';
  return typeof id === 'string' ? id.toLowerCase() : Buffer.from(id).toString('hex');
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    const [first] = Object.values(value ?? {});
    attributes[key] = first;
  }
  return attributes;
}
