import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { TelemetryConfig } from '../sdk/config';
import { OutageReporter } from './outage-reporter';

/** OTLP/HTTP exporter for the configured protocol, reporting outages once. */
export function createTraceExporter(otlp: TelemetryConfig['otlp']): SpanExporter {
  const config = otlp.tracesUrl === undefined ? {} : { url: otlp.tracesUrl };
  const exporter =
    otlp.protocol === 'http/json' ? new OtlpJsonExporter(config) : new OtlpProtobufExporter(config);
  return new OutageReportingExporter(exporter, new OutageReporter('OTLP trace endpoint'));
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
