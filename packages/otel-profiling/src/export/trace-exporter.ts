import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type * as OtlpJson from '@opentelemetry/exporter-trace-otlp-http';
import type * as OtlpProtobuf from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { TelemetryConfig } from '../sdk/config';
import { OutageReporter } from './outage-reporter';

/** OTLP/HTTP exporter for the configured protocol, reporting outages once. */
export function createTraceExporter(otlp: TelemetryConfig['otlp']): SpanExporter {
  const config = otlp.tracesUrl === undefined ? {} : { url: otlp.tracesUrl };
  return new OutageReportingExporter(
    loadExporter(otlp.protocol, config),
    new OutageReporter('OTLP trace endpoint'),
  );
}

/**
 * Loads only the exporter of the configured protocol: each package brings its own serializer
 * and OTLP transformer (about 110 modules and 1 MiB of heap), and the other one would never run.
 */
function loadExporter(protocol: TelemetryConfig['otlp']['protocol'], config: { url?: string }) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (protocol === 'http/json') {
    const { OTLPTraceExporter } =
      require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpJson;
    return new OTLPTraceExporter(config);
  }
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-proto') as typeof OtlpProtobuf;
  return new OTLPTraceExporter(config);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

class OutageReportingExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly outage: OutageReporter,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) this.outage.success();
      else this.outage.failure(result.error ?? new Error('export failed'));
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
