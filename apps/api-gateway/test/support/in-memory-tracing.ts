import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

// What the otel-profiling register entry sets up for node:http (a global tracer provider with
// the W3C propagator + the http instrumentation), keeping finished spans in memory. Import this
// module before anything that loads the gateway. The fake services run in the same process:
// their incoming requests stay untraced, so the only server spans are the gateway's.

export const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
const httpInstrumentation = new HttpInstrumentation({
  ignoreIncomingRequestHook: (request) => !request.url?.startsWith('/v1/'),
});

export async function stopTracing(): Promise<void> {
  httpInstrumentation.disable();
  await provider.shutdown();
}
