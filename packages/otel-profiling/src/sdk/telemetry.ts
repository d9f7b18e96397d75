import { context, propagation, trace } from '@opentelemetry/api';
import { getNumberFromEnv } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { BackgroundSpanProcessor } from './background-span-processor';
import { resolveConfig, type TelemetryOptions } from './config';
import {
  diagLoggerFromEnv,
  propagatorFromEnv,
  samplerFromEnv,
  spanLimitsFromEnv,
} from './from-env';
import { createInstrumentations } from './instrumentations';
import { logger } from './logger';
import { ProfilingContextManager } from '../span-profiles/profiling-context-manager';
import { createResource } from './resource';
import { SpanLabelProcessor } from '../span-profiles/span-labels';
import { SpanProfiler } from '../export/span-profiler';
import { createTraceExporter } from '../export/trace-exporter';

export interface Telemetry {
  /** The resolved `service.name`. */
  readonly serviceName: string;
  /**
   * Flushes spans and the last profile, then stops tracing and profiling.
   * Returns within the shutdown timeout even when the backends hang; never rejects.
   */
  shutdown(): Promise<void>;
}

let running = false;

/**
 * Starts OpenTelemetry tracing (OTLP/HTTP) and, when a Pyroscope server is
 * configured, continuous CPU profiling whose samples carry the span labels of
 * the local root span they ran for. Call it before the app loads http, pg,
 * kafkajs or NestJS (the `register` entry does that).
 */
export function startTelemetry(options: TelemetryOptions = {}): Telemetry {
  const config = resolveConfig(options);
  if (!config.enabled) {
    return { serviceName: config.serviceName, shutdown: () => Promise.resolve() };
  }
  if (running)
    throw new Error('startTelemetry() is already running in this process; call shutdown() first');
  running = true;

  const contextManager = new ProfilingContextManager();
  const labels = new SpanLabelProcessor(config.spanLabels);
  const instrumentations = createInstrumentations();
  // What NodeSDK.start() would do with these settings, without loading its metrics, logs, gRPC
  // and Zipkin module graph: instrumentations, context manager, propagator, tracer provider.
  diagLoggerFromEnv();
  const unregisterInstrumentations = registerInstrumentations({ instrumentations });
  context.setGlobalContextManager(contextManager.enable());
  const propagator = propagatorFromEnv();
  if (propagator !== null) propagation.setGlobalPropagator(propagator);
  const tracerProvider = new TracerProvider({
    resource: createResource(config),
    sampler: samplerFromEnv(),
    spanLimits: spanLimitsFromEnv(),
    spanProcessors: [
      labels,
      new BackgroundSpanProcessor(
        new BatchSpanProcessor({
          exporter: createTraceExporter(config.otlp),
          ...batchSettingsFromEnv(),
        }),
      ),
    ],
  });
  trace.setGlobalTracerProvider(tracerProvider);

  let profiler: SpanProfiler | undefined;
  if (config.profiling !== undefined) {
    profiler = new SpanProfiler(config.profiling, labels, contextManager);
    if (!profiler.start()) profiler = undefined;
  }
  logger.debug(
    { serviceName: config.serviceName, profiling: profiler !== undefined, otlp: config.otlp },
    'telemetry started',
  );

  let stopping: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    const flushed = Promise.allSettled([profiler?.stop(), tracerProvider.shutdown()]);
    const inTime = await settlesWithin(flushed, config.shutdownTimeoutMs);
    if (!inTime) {
      profiler?.abort();
      logger.warn(
        { timeoutMs: config.shutdownTimeoutMs },
        'telemetry shutdown timed out; unsent spans and profiles were dropped',
      );
    }
    unregisterInstrumentations();
    trace.disable();
    propagation.disable();
    context.disable();
    running = false;
  };
  return { serviceName: config.serviceName, shutdown: () => (stopping ??= shutdown()) };
}

/**
 * The span batcher's `OTEL_BSP_*` settings: the SDK reads them only for span processors it
 * creates itself, and this one is created here. Unset ones keep the SDK defaults.
 */
function batchSettingsFromEnv() {
  return {
    maxQueueSize: getNumberFromEnv('OTEL_BSP_MAX_QUEUE_SIZE'),
    scheduledDelayMillis: getNumberFromEnv('OTEL_BSP_SCHEDULE_DELAY'),
    exportTimeoutMillis: getNumberFromEnv('OTEL_BSP_EXPORT_TIMEOUT'),
    maxExportBatchSize: getNumberFromEnv('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
  };
}

async function settlesWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
