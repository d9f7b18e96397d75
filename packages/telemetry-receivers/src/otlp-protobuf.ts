/**
 * A decoder for the part of an OTLP/protobuf `ExportTraceServiceRequest` the receivers read
 * (opentelemetry-proto, collector/trace/v1): resource and span attributes, ids, name, kind
 * and flags. Protobuf wire format: each field is a varint key `(number << 3) | wireType`.
 */

export interface ProtoAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: bigint;
  doubleValue?: number;
  arrayValue?: { values: ProtoAnyValue[] };
}
export interface ProtoKeyValue {
  key: string;
  value?: ProtoAnyValue;
}
export interface ProtoSpan {
  traceId?: Uint8Array;
  spanId?: Uint8Array;
  parentSpanId?: Uint8Array;
  name: string;
  kind?: number;
  flags?: number;
  attributes: ProtoKeyValue[];
}
export interface ProtoTraceRequest {
  resourceSpans: Array<{
    resource?: { attributes: ProtoKeyValue[] };
    scopeSpans: Array<{ spans: ProtoSpan[] }>;
  }>;
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  varint(): bigint {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = this.bytes[this.offset++];
      if (byte === undefined) throw new Error('truncated protobuf varint');
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
  }

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new Error('truncated protobuf field');
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  /** Calls `onField` for each field; `value` is the payload of length-delimited fields. */
  fields(onField: (field: number, value: Uint8Array) => void): void {
    while (!this.done) {
      const key = Number(this.varint());
      const field = key >>> 3;
      const wireType = key & 7;
      if (wireType === LENGTH_DELIMITED) {
        onField(field, this.take(Number(this.varint())));
      } else if (wireType === VARINT || wireType === FIXED64 || wireType === FIXED32) {
        const start = this.offset;
        if (wireType === VARINT) this.varint();
        else this.take(wireType === FIXED64 ? 8 : 4);
        onField(field, this.bytes.subarray(start, this.offset));
      } else {
        throw new Error(`unsupported protobuf wire type ${wireType}`);
      }
    }
  }
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const varintOf = (bytes: Uint8Array): bigint => new Reader(bytes).varint();
const view = (bytes: Uint8Array): DataView =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function each(bytes: Uint8Array, onField: (field: number, value: Uint8Array) => void): void {
  new Reader(bytes).fields(onField);
}

function anyValue(bytes: Uint8Array): ProtoAnyValue {
  const value: ProtoAnyValue = {};
  each(bytes, (field, data) => {
    if (field === 1) value.stringValue = text(data);
    else if (field === 2) value.boolValue = varintOf(data) !== 0n;
    else if (field === 3) value.intValue = BigInt.asIntN(64, varintOf(data));
    else if (field === 4) value.doubleValue = view(data).getFloat64(0, true);
    else if (field === 5) {
      const values: ProtoAnyValue[] = [];
      each(data, (inner, item) => {
        if (inner === 1) values.push(anyValue(item));
      });
      value.arrayValue = { values };
    }
  });
  return value;
}

function keyValue(bytes: Uint8Array): ProtoKeyValue {
  const pair: ProtoKeyValue = { key: '' };
  each(bytes, (field, data) => {
    if (field === 1) pair.key = text(data);
    else if (field === 2) pair.value = anyValue(data);
  });
  return pair;
}

function span(bytes: Uint8Array): ProtoSpan {
  const decoded: ProtoSpan = { name: '', attributes: [] };
  each(bytes, (field, data) => {
    if (field === 1) decoded.traceId = data;
    else if (field === 2) decoded.spanId = data;
    else if (field === 4) decoded.parentSpanId = data;
    else if (field === 5) decoded.name = text(data);
    else if (field === 6) decoded.kind = Number(varintOf(data));
    else if (field === 9) decoded.attributes.push(keyValue(data));
    else if (field === 16) decoded.flags = view(data).getUint32(0, true);
  });
  return decoded;
}

/** Decodes an `ExportTraceServiceRequest` (unknown fields are skipped). */
export function decodeTraceRequest(bytes: Uint8Array): ProtoTraceRequest {
  const request: ProtoTraceRequest = { resourceSpans: [] };
  each(bytes, (field, data) => {
    if (field !== 1) return;
    const resourceSpans: ProtoTraceRequest['resourceSpans'][number] = { scopeSpans: [] };
    each(data, (inner, value) => {
      if (inner === 1) {
        const attributes: ProtoKeyValue[] = [];
        each(value, (attr, kv) => {
          if (attr === 1) attributes.push(keyValue(kv));
        });
        resourceSpans.resource = { attributes };
      } else if (inner === 2) {
        const spans: ProtoSpan[] = [];
        each(value, (scopeField, spanBytes) => {
          if (scopeField === 2) spans.push(span(spanBytes));
        });
        resourceSpans.scopeSpans.push({ spans });
      }
    });
    request.resourceSpans.push(resourceSpans);
  });
  return request;
}
