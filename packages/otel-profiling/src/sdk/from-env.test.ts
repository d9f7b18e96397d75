import { afterEach, describe, expect, it, vi } from 'vitest';
import { ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace';
import { propagatorFromEnv, samplerFromEnv, spanLimitsFromEnv } from './from-env';

describe('the standard OTEL_* variables', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('leaves the SDK default sampler when OTEL_TRACES_SAMPLER is unset', () => {
    expect(samplerFromEnv()).toBeUndefined();
  });

  it('builds parentbased_traceidratio with its ratio', () => {
    vi.stubEnv('OTEL_TRACES_SAMPLER', 'parentbased_traceidratio');
    vi.stubEnv('OTEL_TRACES_SAMPLER_ARG', '0.1');
    const sampler = samplerFromEnv();
    expect(sampler).toBeInstanceOf(ParentBasedSampler);
    expect(sampler!.toString()).toContain('TraceIdRatioBased{0.1}');
  });

  it('uses ratio 1 when OTEL_TRACES_SAMPLER_ARG is missing or out of range', () => {
    vi.stubEnv('OTEL_TRACES_SAMPLER', 'traceidratio');
    vi.stubEnv('OTEL_TRACES_SAMPLER_ARG', '7');
    const sampler = samplerFromEnv();
    expect(sampler).toBeInstanceOf(TraceIdRatioBasedSampler);
    expect(sampler!.toString()).toBe('TraceIdRatioBased{1}');
  });

  it('ignores an unknown sampler name (the SDK default applies)', () => {
    vi.stubEnv('OTEL_TRACES_SAMPLER', 'sometimes');
    expect(samplerFromEnv()).toBeUndefined();
  });

  it('reads span limits, the span-specific variable before the general one', () => {
    vi.stubEnv('OTEL_ATTRIBUTE_COUNT_LIMIT', '64');
    vi.stubEnv('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', '32');
    vi.stubEnv('OTEL_SPAN_EVENT_COUNT_LIMIT', '8');
    expect(spanLimitsFromEnv()).toMatchObject({ attributeCountLimit: 32, eventCountLimit: 8 });
  });

  it('propagates W3C trace context and baggage by default, B3 or nothing on request', () => {
    expect(propagatorFromEnv()!.fields()).toEqual(['traceparent', 'tracestate', 'baggage']);
    vi.stubEnv('OTEL_PROPAGATORS', 'b3');
    expect(propagatorFromEnv()!.fields()).toEqual(['b3']);
    vi.stubEnv('OTEL_PROPAGATORS', 'tracecontext,b3multi');
    expect(propagatorFromEnv()!.fields()).toContain('x-b3-traceid');
    vi.stubEnv('OTEL_PROPAGATORS', 'none');
    expect(propagatorFromEnv()).toBeNull();
  });
});
