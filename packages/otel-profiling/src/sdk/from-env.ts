import { diag, DiagConsoleLogger, type TextMapPropagator } from '@opentelemetry/api';
import {
  CompositePropagator,
  diagLogLevelFromString,
  getNumberFromEnv,
  getStringFromEnv,
  getStringListFromEnv,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import type * as B3 from '@opentelemetry/propagator-b3';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanLimits,
} from '@opentelemetry/sdk-trace';

/*
 * The standard OTEL_* settings of the tracing SDK, read as `@opentelemetry/sdk-node` reads them.
 * The package sets up tracing itself rather than through sdk-node, whose module graph also loads
 * metrics, logs, gRPC and Zipkin exporters that are never used.
 */

/** OTEL_LOG_LEVEL: the SDK's own diagnostics on the console. */
export function diagLoggerFromEnv(): void {
  const level = getStringFromEnv('OTEL_LOG_LEVEL');
  if (level !== undefined) {
    diag.setLogger(new DiagConsoleLogger(), { logLevel: diagLogLevelFromString(level) });
  }
}

/** OTEL_TRACES_SAMPLER (+ OTEL_TRACES_SAMPLER_ARG); undefined keeps the SDK default (parent-based, always on). */
export function samplerFromEnv(): Sampler | undefined {
  const name = getStringFromEnv('OTEL_TRACES_SAMPLER');
  switch (name) {
    case undefined:
      return undefined;
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(samplerRatioFromEnv());
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(samplerRatioFromEnv()) });
    default:
      diag.error(`unknown OTEL_TRACES_SAMPLER value "${name}", using default`);
      return undefined;
  }
}

function samplerRatioFromEnv(): number {
  const ratio = getNumberFromEnv('OTEL_TRACES_SAMPLER_ARG');
  if (ratio === undefined || ratio < 0 || ratio > 1) {
    diag.error(`OTEL_TRACES_SAMPLER_ARG must be a number in [0..1] (got ${ratio}), using 1`);
    return 1;
  }
  return ratio;
}

/** OTEL_SPAN_* / OTEL_ATTRIBUTE_* limits; unset ones keep the SDK defaults. */
export function spanLimitsFromEnv(): SpanLimits {
  return {
    attributeCountLimit:
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT') ??
      getNumberFromEnv('OTEL_ATTRIBUTE_COUNT_LIMIT'),
    attributeValueLengthLimit:
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT') ??
      getNumberFromEnv('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'),
    eventCountLimit: getNumberFromEnv('OTEL_SPAN_EVENT_COUNT_LIMIT'),
    linkCountLimit: getNumberFromEnv('OTEL_SPAN_LINK_COUNT_LIMIT'),
    attributePerEventCountLimit:
      getNumberFromEnv('OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT') ??
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT'),
    attributePerLinkCountLimit:
      getNumberFromEnv('OTEL_LINK_ATTRIBUTE_COUNT_LIMIT') ??
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT'),
  };
}

/**
 * OTEL_PROPAGATORS (tracecontext, baggage, b3, b3multi, none); unset: W3C trace context +
 * baggage. Null: no propagator at all.
 */
export function propagatorFromEnv(): TextMapPropagator | null {
  const names = getStringListFromEnv('OTEL_PROPAGATORS');
  if (names === undefined) {
    return new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    });
  }
  if (names.includes('none')) return null;
  const unique = [...new Set(names)];
  const propagators = unique.flatMap((name): TextMapPropagator[] => {
    switch (name) {
      case 'tracecontext':
        return [new W3CTraceContextPropagator()];
      case 'baggage':
        return [new W3CBaggagePropagator()];
      case 'b3':
        return [new (b3().B3Propagator)()];
      case 'b3multi':
        return [new (b3().B3Propagator)({ injectEncoding: b3().B3InjectEncoding.MULTI_HEADER })];
      default:
        diag.warn(`Propagator "${name}" requested through environment variable is unavailable.`);
        return [];
    }
  });
  if (propagators.length === 0) return null;
  return unique.length === 1 ? propagators[0]! : new CompositePropagator({ propagators });
}

/** B3 is loaded only when asked for. */
function b3(): typeof B3 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@opentelemetry/propagator-b3') as typeof B3;
}
