import { randomBytes } from 'node:crypto';

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Accepts a W3C trace id (32 hex) or a 64-bit one (16 hex, which Tempo pads
 * with zeros). Returns 32 lowercase hex chars, or null when malformed.
 */
export function parseTraceIdArgument(input: string): string | null {
  const id = input.trim().toLowerCase();
  const padded = HEX_SPAN_ID.test(id) ? id.padStart(32, '0') : id;
  if (!HEX_TRACE_ID.test(padded) || /^0+$/.test(padded)) return null;
  return padded;
}

/**
 * Normalises an id read from a trace document to lowercase hex of `bytes`
 * bytes. Tempo's protobuf-JSON encodes ids as base64; OTLP/JSON uses hex.
 * Returns null for an empty or undecodable id.
 */
export function normaliseId(raw: string | undefined, bytes: 8 | 16): string | null {
  if (!raw) return null;
  const hexLength = bytes * 2;
  if (raw.length === hexLength && /^[0-9a-fA-F]+$/.test(raw)) return raw.toLowerCase();
  if (!BASE64.test(raw)) return null;
  const decoded = Buffer.from(raw, raw.includes('-') || raw.includes('_') ? 'base64url' : 'base64');
  if (decoded.length !== bytes) return null;
  const hex = decoded.toString('hex');
  return /^0+$/.test(hex) ? null : hex;
}

export function normaliseSpanId(raw: string | undefined): string | null {
  return normaliseId(raw, 8);
}

export function normaliseTraceId(raw: string | undefined): string | null {
  return normaliseId(raw, 16);
}

function nonZeroRandomHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(hex)) return hex;
  }
}

export interface GeneratedTraceContext {
  traceId: string;
  parentSpanId: string;
  /** W3C `traceparent` header value, sampled. */
  traceparent: string;
}

export function generateTraceContext(): GeneratedTraceContext {
  const traceId = nonZeroRandomHex(16);
  const parentSpanId = nonZeroRandomHex(8);
  return { traceId, parentSpanId, traceparent: `00-${traceId}-${parentSpanId}-01` };
}
