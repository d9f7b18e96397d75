import { describe, expect, it } from 'vitest';
import {
  generateTraceContext,
  normaliseSpanId,
  normaliseTraceId,
  parseTraceIdArgument,
} from './ids';

describe('parseTraceIdArgument', () => {
  it('accepts 32 hex chars in any case and lowercases them', () => {
    expect(parseTraceIdArgument('4BF92F3577B34DA6A3CE929D0E0E4736')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('pads a 64-bit id to 32 chars as Tempo does', () => {
    expect(parseTraceIdArgument('a3ce929d0e0e4736')).toBe('0000000000000000a3ce929d0e0e4736');
  });

  it.each([
    '',
    'xyz',
    '4bf92f3577b34da6a3ce929d0e0e47',
    '4bf92f3577b34da6a3ce929d0e0e4736ff',
    '0'.repeat(32),
    'g'.repeat(32),
  ])('rejects %j', (input) => {
    expect(parseTraceIdArgument(input)).toBeNull();
  });
});

describe('normaliseSpanId / normaliseTraceId', () => {
  it('keeps hex ids, lowercased', () => {
    expect(normaliseSpanId('00F067AA0BA902B7')).toBe('00f067aa0ba902b7');
    expect(normaliseTraceId('4bf92f3577b34da6a3ce929d0e0e4736')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('decodes the base64 ids of Tempo protobuf-JSON', () => {
    expect(normaliseSpanId(Buffer.from('00f067aa0ba902b7', 'hex').toString('base64'))).toBe(
      '00f067aa0ba902b7',
    );
    expect(normaliseSpanId('APBnqgupArc=')).toBe('00f067aa0ba902b7');
    expect(normaliseTraceId('S/kvNXezTaajzpKdDg5HNg==')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('rejects empty, zero, wrong-length and non-id values', () => {
    expect(normaliseSpanId(undefined)).toBeNull();
    expect(normaliseSpanId('')).toBeNull();
    expect(normaliseSpanId('AAAAAAAAAAA=')).toBeNull();
    expect(normaliseSpanId('S/kvNXezTaajzpKdDg5HNg==')).toBeNull();
    expect(normaliseSpanId('not an id!')).toBeNull();
  });
});

describe('generateTraceContext', () => {
  it('makes a sampled W3C traceparent carrying the returned ids', () => {
    const context = generateTraceContext();
    expect(context.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(context.traceparent).toBe(`00-${context.traceId}-${context.parentSpanId}-01`);
    expect(generateTraceContext().traceId).not.toBe(context.traceId);
  });
});
