import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  formatSpanNameReport,
  formatTraceReport,
  newestCompleteTrace,
  profilesAfterStartUp,
  SERVICE_NAMES,
  serviceCpu,
  spanNameProfiles,
  startSystem,
  traceReport,
  type RunningSystem,
} from '@rideshare/system-harness';
import { cpuSamples } from '@rideshare/telemetry-receivers';
import type { DemoOptions } from './options';

const requireHere = createRequire(__filename);
const PORTS = {
  'api-gateway': 8080,
  'ride-service': 8081,
  'pricing-service': 8082,
  'driver-service': 8083,
  postgres: 5432,
  kafka: 9092,
} as const;
const REPORT_EVERY_MS = 20_000;
/** Services in a ride's trace: the load generator and the four services. */
const TRACE_SERVICES = ['load-generator', ...SERVICE_NAMES];

/** Telemetry destinations the user configured, if any (their own Tempo / Pyroscope). */
function externalTelemetry(): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    env.OTEL_EXPORTER_OTLP_ENDPOINT = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    env.OTEL_EXPORTER_OTLP_PROTOCOL = process.env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  }
  if (process.env.PYROSCOPE_SERVER_ADDRESS)
    env.PYROSCOPE_SERVER_ADDRESS = process.env.PYROSCOPE_SERVER_ADDRESS;
  return env;
}

/**
 * Prints every service's span profiles by span name over the profiles pushed since
 * `firstProfile` (the load's start), then the newest complete ride trace span by span.
 */
function printReport(
  system: RunningSystem,
  firstProfile: number,
  say: (line: string) => void,
): void {
  if (!system.otlp || !system.pyroscope) return;
  const samples = cpuSamples(system.pyroscope.profiles.slice(firstProfile));
  if (samples.length === 0) return;
  const services = TRACE_SERVICES.map((service) => serviceCpu(samples, service));
  say('');
  say(formatSpanNameReport(services, spanNameProfiles(samples)));
  const traceId = newestCompleteTrace(system.otlp.spans, TRACE_SERVICES);
  if (traceId === undefined) return;
  say('');
  say(formatTraceReport(traceReport(traceId, system.otlp.spans, system.pyroscope.profiles)));
}

/** Starts the load generator (traced, as `pnpm load` does); resolves with its exit code. */
function startLoadGenerator(
  system: RunningSystem,
  options: DemoOptions,
  telemetryEnv: Record<string, string>,
) {
  const cwd = dirname(requireHere.resolve('@rideshare/load-generator/package.json'));
  const duration = options.durationSeconds > 0 ? `${options.durationSeconds}s` : '24h';
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@rideshare/otel-profiling/register',
      join('dist', 'main.js'),
      '--rate',
      String(options.rate),
      '--duration',
      duration,
      '--progress-interval',
      '10s',
    ],
    {
      cwd,
      env: {
        ...process.env,
        ...telemetryEnv,
        GATEWAY_URL: system.gatewayUrl,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  return { stop: () => child.kill('SIGTERM'), exited };
}

/**
 * Native Kafka + PostgreSQL on their usual ports, the four services and the load generator on
 * this machine; telemetry to the user's endpoints or to receivers in this process.
 */
export async function runNativeDemo(
  options: DemoOptions,
  stop: AbortSignal,
  say: (line: string) => void,
): Promise<number> {
  const external = externalTelemetry();
  const ownReceivers = Object.keys(external).length < 2;
  say(
    `No Docker engine (or --native): starting native PostgreSQL :5432 and Kafka :9092, then the services on :8080-8083${options.replicas > 1 ? ` (HAProxy, ${options.replicas} instances of each behind it)` : ''}...`,
  );
  const system = await startSystem({
    telemetry: true,
    replicas: options.replicas,
    ports: PORTS,
    sharedEnv: { ...external, PYROSCOPE_UPLOAD_INTERVAL: '5s', LOG_LEVEL: 'warn' },
    env: { 'pricing-service': { SLOW_REGION: 'eu-north' } },
  });
  const telemetryEnv = {
    OTEL_EXPORTER_OTLP_ENDPOINT: external.OTEL_EXPORTER_OTLP_ENDPOINT ?? system.otlp!.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: external.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/json',
    PYROSCOPE_SERVER_ADDRESS: external.PYROSCOPE_SERVER_ADDRESS ?? system.pyroscope!.url,
    PYROSCOPE_UPLOAD_INTERVAL: '5s',
  };

  say('');
  say(`Gateway:   ${system.gatewayUrl}  (OpenAPI at ${system.gatewayUrl}/docs)`);
  say(
    `Traces:    ${telemetryEnv.OTEL_EXPORTER_OTLP_ENDPOINT}${external.OTEL_EXPORTER_OTLP_ENDPOINT ? '' : ' (received and decoded by this demo)'}`,
  );
  say(
    `Profiles:  ${telemetryEnv.PYROSCOPE_SERVER_ADDRESS}${external.PYROSCOPE_SERVER_ADDRESS ? '' : ' (received and decoded by this demo)'}`,
  );
  if (ownReceivers) {
    say(
      'To use your own Tempo and Pyroscope instead, set OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://localhost:4318)',
    );
    say(
      'and PYROSCOPE_SERVER_ADDRESS (e.g. http://localhost:4040); Grafana Explore and `pnpm -s jump` read from those.',
    );
    say("Every ~20 s this prints each service's span profiles by span name since the load");
    say('started (what Grafana shows for a service filtered by span_name), then the newest');
    say("ride trace: each service's local root span, its pyroscope.profile.id and the");
    say('functions that burned CPU under exactly that span.');
  } else {
    say(
      "Open Grafana Explore on your Tempo datasource, or run `pnpm -s jump` for a ride's span profiles.",
    );
  }
  say('Ctrl-C stops everything.');
  say('');

  // The report's window starts once every service pushed a profile after start-up.
  const firstProfile = system.pyroscope
    ? await profilesAfterStartUp(system.pyroscope, SERVICE_NAMES).catch(
        () => system.pyroscope?.profiles.length ?? 0,
      )
    : 0;
  if (stop.aborted) {
    // Ctrl-C during start-up: nothing ran, nothing to report.
    await system.stop();
    return 0;
  }
  const load = startLoadGenerator(system, options, telemetryEnv);
  const reporter = setInterval(() => printReport(system, firstProfile, say), REPORT_EVERY_MS);
  const onStop = () => load.stop();
  stop.addEventListener('abort', onStop, { once: true });
  const loadExit = await load.exited;
  clearInterval(reporter);
  stop.removeEventListener('abort', onStop);

  say('Stopping the services (they flush their last spans and profiles), Kafka and PostgreSQL...');
  // The final report is printed after the services flushed their last profile.
  await system.stopServices();
  printReport(system, firstProfile, say);
  await system.stop();
  return loadExit;
}
