import { startHttpReceiver } from './http-receiver';

/** One span as exported over OTLP/HTTP JSON, flattened with its resource's service name. */
export interface CapturedSpan {
  serviceName: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  /** From the OTLP span flags (bits 0x100 "has is_remote" and 0x200 "is_remote"). */
  parentIsRemote: boolean;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
  resource: Record<string, string | number | boolean>;
}

export interface OtlpReceiver {
  url: string;
  spans: CapturedSpan[];
  close(): Promise<void>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        flags?: number;
        name: string;
        kind: number;
        attributes?: OtlpAttribute[];
      }>;
    }>;
  }>;
}

const PARENT_IS_REMOTE = 0x100 | 0x200;

/** A local root span: no parent, or a parent from another process (propagated context). */
export function isLocalRoot(span: CapturedSpan): boolean {
  return span.parentSpanId === undefined || span.parentIsRemote;
}

/** OTLP/JSON carries ids as hex; tolerate base64 (the generic protobuf JSON mapping) too. */
export function normalizeId(id: string | undefined, bytes: number): string | undefined {
  if (id === undefined || id === '') return undefined;
  if (new RegExp(`^[0-9a-f]{${bytes * 2}}$`, 'i').test(id)) return id.toLowerCase();
  return Buffer.from(id, 'base64').toString('hex');
}

function flatten(attributes: OtlpAttribute[] = []): Record<string, string | number | boolean> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [
      key,
      value.stringValue ??
        (value.intValue !== undefined ? Number(value.intValue) : undefined) ??
        value.doubleValue ??
        value.boolValue ??
        '',
    ]),
  );
}

/** An in-test OTLP/HTTP receiver that decodes real `http/json` trace exports. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: CapturedSpan[] = [];
  const receiver = await startHttpReceiver((path, body) => {
    if (path !== '/v1/traces') throw new Error(`unexpected path ${path}`);
    const payload = JSON.parse(body.toString('utf8')) as OtlpExport;
    for (const resourceSpans of payload.resourceSpans ?? []) {
      const resource = flatten(resourceSpans.resource?.attributes);
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            serviceName: String(resource['service.name']),
            traceId: normalizeId(span.traceId, 16) ?? '',
            spanId: normalizeId(span.spanId, 8) ?? '',
            parentSpanId: normalizeId(span.parentSpanId, 8),
            parentIsRemote: ((span.flags ?? 0) & PARENT_IS_REMOTE) === PARENT_IS_REMOTE,
            name: span.name,
            kind: span.kind,
            attributes: flatten(span.attributes),
            resource,
          });
        }
      }
    }
    return { partialSuccess: {} };
  });
  return { ...receiver, spans };
}
