import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

// What the otel-profiling register entry sets up for node:http (a global tracer provider with
// the W3C propagator + the http instrumentation), keeping finished spans in memory. Import this
// module before anything that loads the gateway. The fake services run in the same process:
// their incoming requests stay untraced, so the only server spans are the gateway's.

export const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
const httpInstrumentation = new HttpInstrumentation({
  ignoreIncomingRequestHook: (request) => !request.url?.startsWith('/v1/'),
});

export async function stopTracing(): Promise<void> {
  httpInstrumentation.disable();
  await provider.shutdown();
}
