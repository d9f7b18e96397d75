import { z } from 'zod';
import { PROFILE_ID_ATTRIBUTE } from '@rideshare/otel-profiling/constants';
import { normaliseSpanId } from '../ids';

const SERVICE_NAME_ATTRIBUTE = 'service.name';
const UNKNOWN_SERVICE = 'unknown_service';

/** One span of a trace, with ids as lowercase hex and times in milliseconds. */
export interface TraceSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  service: string;
  startMs: number;
  endMs: number;
  durationMs: number;
  /** Value of `pyroscope.profile.id`, normalised to 16 hex; null when absent. */
  profileId: string | null;
}

// OTLP JSON: int64 fields arrive as strings (protobuf JSON) or numbers (some encoders).
const int64 = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);

const anyValue = z.object({
  stringValue: z.string().optional(),
  intValue: int64.optional(),
  boolValue: z.boolean().optional(),
  doubleValue: z.number().optional(),
});

const keyValue = z.object({ key: z.string(), value: anyValue.optional() });
const attributes = z.array(keyValue).optional();

const span = z.object({
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string().default(''),
  startTimeUnixNano: int64.optional(),
  endTimeUnixNano: int64.optional(),
  attributes,
});

const spanGroup = z.object({ spans: z.array(span).optional() });

const resourceSpans = z.object({
  resource: z.object({ attributes }).optional(),
  scopeSpans: z.array(spanGroup).optional(),
  // Tempo before 2.0 / OTLP before 0.15 named the scope level this way.
  instrumentationLibrarySpans: z.array(spanGroup).optional(),
});

const batchesOrResourceSpans = z.object({
  batches: z.array(resourceSpans).optional(),
  resourceSpans: z.array(resourceSpans).optional(),
});

/** `/api/traces/<id>`: `{ batches }` or `{ resourceSpans }`; `/api/v2/traces/<id>`: `{ trace: {...} }`. */
const traceDocument = batchesOrResourceSpans.extend({ trace: batchesOrResourceSpans.optional() });

function attributeString(list: z.infer<typeof attributes>, key: string): string | undefined {
  const value = list?.find((attribute) => attribute.key === key)?.value;
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.doubleValue !== undefined) return String(value.doubleValue);
  return undefined;
}

function nanosToMs(value: string | number | undefined): { ns: bigint; ms: number } {
  const ns = BigInt(value ?? 0);
  // Whole microseconds survive the conversion to a double exactly.
  return { ns, ms: Number(ns / 1000n) / 1000 };
}

export class TraceDocumentError extends Error {}

/** Flattens a Tempo trace-by-id document (any of its shapes) into spans. */
export function parseTraceDocument(document: unknown): TraceSpan[] {
  const result = traceDocument.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TraceDocumentError(
      `unexpected trace document at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const root = result.data.trace ?? result.data;
  const batches = root.batches ?? root.resourceSpans ?? [];

  const spans: TraceSpan[] = [];
  for (const batch of batches) {
    const service =
      attributeString(batch.resource?.attributes, SERVICE_NAME_ATTRIBUTE) || UNKNOWN_SERVICE;
    const groups = [...(batch.scopeSpans ?? []), ...(batch.instrumentationLibrarySpans ?? [])];
    for (const raw of groups.flatMap((group) => group.spans ?? [])) {
      const spanId = normaliseSpanId(raw.spanId);
      if (spanId === null)
        throw new TraceDocumentError(`span "${raw.name}" has a malformed spanId "${raw.spanId}"`);
      const start = nanosToMs(raw.startTimeUnixNano);
      const end = nanosToMs(raw.endTimeUnixNano ?? raw.startTimeUnixNano);
      const profileAttribute = attributeString(raw.attributes, PROFILE_ID_ATTRIBUTE);
      spans.push({
        spanId,
        parentSpanId: normaliseSpanId(raw.parentSpanId),
        name: raw.name,
        service,
        startMs: start.ms,
        endMs: end.ms,
        durationMs: Number(end.ns - start.ns) / 1e6,
        profileId: profileAttribute === undefined ? null : normaliseSpanId(profileAttribute),
      });
    }
  }
  return spans;
}
