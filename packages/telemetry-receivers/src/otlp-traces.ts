import { decodeTraceRequest } from './otlp-protobuf';

export type AttributeValue = string | number | boolean | Array<string | number | boolean>;

/** One span of an OTLP trace export, flattened with its resource; ids as lowercase hex. */
export interface CapturedSpan {
  /** The resource's `service.name`. */
  serviceName: string;
  traceId: string;
  spanId: string;
  /** Undefined for a span without a parent. */
  parentSpanId: string | undefined;
  /** From the OTLP span flags (bits 0x100 "has is_remote" and 0x200 "is_remote"). */
  parentIsRemote: boolean;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, AttributeValue>;
  resource: Record<string, AttributeValue>;
}

/** A local root span: no parent, or a parent from another process (propagated context). */
export function isLocalRoot(span: CapturedSpan): boolean {
  return span.parentSpanId === undefined || span.parentIsRemote;
}

// OTLP/JSON carries ids as hex strings and protobuf as bytes. Values may be null (protobuf
// defaults) and int64 may be a number, a decimal string (JSON) or a bigint (protobuf).
type OtlpId = Uint8Array | string | null | undefined;
interface OtlpAnyValue {
  stringValue?: string | null;
  intValue?: number | string | bigint | null;
  doubleValue?: number | null;
  boolValue?: boolean | null;
  arrayValue?: { values?: OtlpAnyValue[] | null } | null;
}
interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue | null;
}
interface OtlpSpan {
  traceId?: OtlpId;
  spanId?: OtlpId;
  parentSpanId?: OtlpId;
  flags?: number | null;
  name: string;
  kind?: number | null;
  attributes?: OtlpKeyValue[] | null;
}
interface OtlpTraceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] | null } | null;
    scopeSpans?: Array<{ spans?: OtlpSpan[] | null }> | null;
  }> | null;
}

const PARENT_IS_REMOTE = 0x100 | 0x200;

/** Decodes an OTLP/HTTP trace export body: `application/json` or `application/x-protobuf`. */
export function decodeOtlpTraces(body: Uint8Array, contentType: string): CapturedSpan[] {
  const request: OtlpTraceRequest = contentType.includes('json')
    ? (JSON.parse(Buffer.from(body).toString('utf8')) as OtlpTraceRequest)
    : decodeTraceRequest(body);
  const spans: CapturedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = flattenAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          serviceName: String(resource['service.name'] ?? ''),
          traceId: hexId(span.traceId, 16) ?? '',
          spanId: hexId(span.spanId, 8) ?? '',
          parentSpanId: hexId(span.parentSpanId, 8),
          parentIsRemote: ((span.flags ?? 0) & PARENT_IS_REMOTE) === PARENT_IS_REMOTE,
          name: span.name,
          kind: span.kind ?? 0,
          attributes: flattenAttributes(span.attributes),
          resource,
        });
      }
    }
  }
  return spans;
}

/** An id as lowercase hex; JSON ids are hex, but tolerate base64 (the generic protobuf JSON mapping). */
export function hexId(id: OtlpId, bytes: number): string | undefined {
  if (id === undefined || id === null || id.length === 0) return undefined;
  if (typeof id !== 'string') return Buffer.from(id).toString('hex');
  if (new RegExp(`^[0-9a-f]{${bytes * 2}}$`, 'i').test(id)) return id.toLowerCase();
  return Buffer.from(id, 'base64').toString('hex');
}

function flattenAttributes(
  list: OtlpKeyValue[] | null | undefined,
): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, flattenValue(value)]));
}

function flattenValue(value: OtlpAnyValue | null | undefined): AttributeValue {
  if (!value) return '';
  if (value.stringValue != null) return value.stringValue;
  if (value.intValue != null) return Number(String(value.intValue));
  if (value.doubleValue != null) return value.doubleValue;
  if (value.boolValue != null) return value.boolValue;
  if (value.arrayValue != null)
    return (value.arrayValue.values ?? []).map((item) => {
      const flat = flattenValue(item);
      return Array.isArray(flat) ? String(flat) : flat;
    });
  return '';
}
