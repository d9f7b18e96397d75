/**
 * `pnpm bench:system`: the whole system on native Kafka + PostgreSQL, driven in an open model
 * (fixed arrival rate, stepped up), with bare services (no telemetry loaded) and full telemetry
 * (tracing + CPU profiling + span labels) — optionally tracing only too — alternating at every step.
 * Prints a markdown table per step (with the services' CPU time per ride), the highest rate each
 * sustains with POST p99 < 500 ms, and each configuration's idle CPU per service.
 *
 * Options (env): BENCH_CONFIGS (default "bare,full telemetry"; "tracing only" can be added),
 * BENCH_RATES (default "6,10,14,18,22,26"), BENCH_STEP_SECONDS (default 20),
 * BENCH_OUT (write the results as JSON to this file).
 */
import { writeFileSync } from 'node:fs';
import type { Summary } from '@rideshare/load-generator';
import { startHttpReceiver } from '@rideshare/telemetry-receivers';
import {
  cpuTimeMs,
  residentSetBytes,
  startSystem,
  type RunningSystem,
} from '@rideshare/system-harness';
import { BENCH_SERVICE_ENV, driveRides } from './ride-load';

type Config = 'bare' | 'tracing only' | 'full telemetry';
const ALL_CONFIGS: Config[] = ['bare', 'tracing only', 'full telemetry'];
// Each configuration is a whole system (its own Kafka JVM and PostgreSQL): on 2 cores a third
// idle system adds enough noise to blur the comparison, so tracing-only is opt-in.
const CONFIGS = (process.env.BENCH_CONFIGS ?? 'bare,full telemetry').split(',').map((name) => {
  if (!(ALL_CONFIGS as string[]).includes(name.trim())) {
    throw new Error(
      `BENCH_CONFIGS: unknown configuration "${name}" (known: ${ALL_CONFIGS.join(', ')})`,
    );
  }
  return name.trim() as Config;
});

interface StepResult {
  config: Config;
  rate: number;
  achievedRidesPerSecond: number;
  createP50: number | null;
  createP99: number | null;
  assignedP50: number | null;
  assignedP99: number | null;
  errors: number;
  /** CPU time the four services used during the step, per accepted ride. */
  cpuMsPerRide: Record<string, number>;
  rssMiB: Record<string, number>;
}

const SERVICES = ['api-gateway', 'ride-service', 'pricing-service', 'driver-service'];
const IDLE_SECONDS = 20;

const P99_LIMIT_MS = 500;
const rates = (process.env.BENCH_RATES ?? '6,10,14,18,22,26').split(',').map(Number);
const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 20);

function rssOf(system: RunningSystem): Record<string, number> {
  return Object.fromEntries(
    Object.values(system.services).map((service) => [
      service.name,
      Math.round((residentSetBytes(service.pid) ?? 0) / 2 ** 20),
    ]),
  );
}

/** CPU time used so far by each service of a system, in ms. */
function cpuOf(system: RunningSystem): Record<string, number> {
  return Object.fromEntries(
    Object.values(system.services).map((service) => [service.name, cpuTimeMs(service.pid) ?? 0]),
  );
}

function cpuPer(
  before: Record<string, number>,
  after: Record<string, number>,
  count: number,
): Record<string, number> {
  return Object.fromEntries(
    SERVICES.map((name) => [
      name,
      count > 0 ? Math.round(((after[name]! - before[name]!) / count) * 10) / 10 : 0,
    ]),
  );
}

const sum = (values: Record<string, number>) =>
  Math.round(Object.values(values).reduce((a, b) => a + b, 0) * 10) / 10;

function toStep(
  config: Config,
  rate: number,
  summary: Summary,
  system: RunningSystem,
  cpuBefore: Record<string, number>,
): StepResult {
  return {
    config,
    rate,
    achievedRidesPerSecond:
      Math.round((summary.rides.accepted / (summary.elapsedMs / 1000)) * 10) / 10,
    createP50: summary.latencyMs.createRide.p50,
    createP99: summary.latencyMs.createRide.p99,
    assignedP50: summary.latencyMs.requestToAssigned.p50,
    assignedP99: summary.latencyMs.requestToAssigned.p99,
    errors: summary.errors.total,
    cpuMsPerRide: cpuPer(cpuBefore, cpuOf(system), summary.rides.accepted),
    rssMiB: rssOf(system),
  };
}

const short = SERVICES.map((s) => s.replace('-service', '')).join(' / ');

function table(results: StepResult[]): string {
  const lines = [
    `| config | target rides/s | achieved rides/s | POST p50 ms | POST p99 ms | to ASSIGNED p50 ms | to ASSIGNED p99 ms | errors | CPU ms/ride, 4 services | CPU ms/ride (${short}) | RSS MiB (${short}) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.config} | ${r.rate} | ${r.achievedRidesPerSecond} | ${r.createP50} | ${r.createP99} | ${r.assignedP50} | ${r.assignedP99} | ${r.errors} | ${sum(r.cpuMsPerRide)} | ${SERVICES.map((s) => r.cpuMsPerRide[s]).join(' / ')} | ${SERVICES.map((s) => r.rssMiB[s]).join(' / ')} |`,
    );
  }
  return lines.join('\n');
}

/** CPU each idle service uses per second (timers, pollers, heartbeats, the profiler's sampling). */
async function idleCpu(
  systems: Record<Config, RunningSystem>,
): Promise<Record<Config, Record<string, number>>> {
  const before = Object.fromEntries(CONFIGS.map((c) => [c, cpuOf(systems[c])]));
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  return Object.fromEntries(
    CONFIGS.map((c) => [c, cpuPer(before[c]!, cpuOf(systems[c]), IDLE_SECONDS)]),
  ) as Record<Config, Record<string, number>>;
}

function sustained(results: StepResult[], config: Config): number {
  const ok = results.filter(
    (r) =>
      r.config === config && r.errors === 0 && r.createP99 !== null && r.createP99 < P99_LIMIT_MS,
  );
  return Math.max(0, ...ok.map((r) => r.achievedRidesPerSecond));
}

async function main() {
  // Telemetry goes to sinks that read and drop the bytes, so decoding costs nothing here.
  const sink = await startHttpReceiver(() => ({ contentType: 'application/json', body: '{}' }));
  const telemetryEnv = {
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
    PYROSCOPE_SERVER_ADDRESS: sink.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    // Production defaults, not the fast flushing the tests use.
    OTEL_BSP_SCHEDULE_DELAY: '5000',
    PYROSCOPE_UPLOAD_INTERVAL: '15s',
  };
  const start = (config: Config) =>
    config === 'bare'
      ? startSystem({ telemetry: false, env: BENCH_SERVICE_ENV })
      : startSystem({
          telemetry: true,
          // Profiling is off when Pyroscope's address is empty.
          sharedEnv:
            config === 'tracing only'
              ? { ...telemetryEnv, PYROSCOPE_SERVER_ADDRESS: '' }
              : telemetryEnv,
          env: BENCH_SERVICE_ENV,
        });
  const systems = {} as Record<Config, RunningSystem>;
  for (const config of CONFIGS) systems[config] = await start(config);

  const results: StepResult[] = [];
  // Ctrl-C / SIGTERM: stop both systems (Kafka, PostgreSQL, services) before leaving.
  const stopAll = () => Promise.all(Object.values(systems).map((system) => system.stop()));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  let idle: Record<Config, Record<string, number>>;
  try {
    idle = await idleCpu(systems);
    for (const rate of rates) {
      for (const config of CONFIGS) {
        const system = systems[config];
        const cpuBefore = cpuOf(system);
        const summary = await driveRides(system.gatewayUrl, rate, stepSeconds * 1000, rate);
        const step = toStep(config, rate, summary, system, cpuBefore);
        results.push(step);
        console.error(`${config} @ ${rate}/s: ${JSON.stringify(step)}`);
      }
    }
  } finally {
    await stopAll();
    await sink.close();
  }
  const bare = sustained(results, 'bare');
  console.log(table(results));
  console.log(`\nHighest rate with POST /v1/rides p99 < ${P99_LIMIT_MS} ms and no errors:`);
  for (const config of CONFIGS) {
    const rate = sustained(results, config);
    console.log(
      `- ${config}: ${rate} rides/s (${bare > 0 ? (rate / bare).toFixed(2) : 'n/a'}x bare)`,
    );
  }
  console.log(
    `\nIdle CPU, ms per second (${short}), measured over ${IDLE_SECONDS} s before the steps:`,
  );
  for (const config of CONFIGS) {
    console.log(
      `- ${config}: ${sum(idle[config])} (${SERVICES.map((s) => idle[config][s]).join(' / ')})`,
    );
  }
  if (process.env.BENCH_OUT)
    writeFileSync(
      process.env.BENCH_OUT,
      JSON.stringify({ rates, stepSeconds, idleCpuMsPerSecond: idle, results }, null, 2),
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
