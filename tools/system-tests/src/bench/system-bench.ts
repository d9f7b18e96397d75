/**
 * `pnpm bench:system`: the whole system on native Kafka + PostgreSQL, driven in an open model
 * (fixed arrival rate, stepped up), in several configurations: bare services (no telemetry
 * loaded), tracing only, full telemetry (tracing + CPU profiling + span labels), each optionally
 * with environment overrides for every service.
 *
 * One system at a time, so that nothing idle competes for the CPU: for each configuration a
 * complete system is started (fresh Kafka, PostgreSQL and the four services), warmed up with
 * rides at the lowest rate (not recorded), measured idle (CPU per service, no traffic) and at
 * every rate, then stopped before the next one starts. Every round runs each configuration once,
 * in the opposite order to the round before (A,B,C then C,B,A), so drift over time favours none.
 * Prints markdown tables of the medians over the rounds with their min–max: CPU time per
 * accepted ride (four services and each one) with its ratio to bare, latency, rides/s achieved,
 * errors, RSS, idle CPU, and the highest rate sustained with POST /v1/rides p99 < 500 ms.
 * Progress goes to stderr.
 *
 * Options (env):
 * - BENCH_CONFIGS (default "bare,full telemetry"): configurations separated by ",", each
 *   "bare", "tracing only" or "full telemetry", optionally followed by "+KEY=VALUE" parts added
 *   to every service's environment, e.g. "full telemetry+PYROSCOPE_SAMPLING_INTERVAL=20ms".
 * - BENCH_ROUNDS (default 3), BENCH_RATES (rides/s, default "10,20,30"), BENCH_STEP_SECONDS
 *   (default 20), BENCH_IDLE_SECONDS (default 20), BENCH_WARMUP_SECONDS (default 10).
 * - BENCH_OUT: write every round's results and the summary as JSON to this file.
 */
import { writeFileSync } from 'node:fs';
import {
  cpuTimeMs,
  residentSetBytes,
  type RunningSystem,
  type ServiceName,
} from '@rideshare/system-harness';
import { parseConfigs, type BenchConfig } from './bench-configs';
import { positiveNumber, positiveNumbers, wholeNumber } from './bench-env';
import { oneSystemAtATime, type Log } from './one-system-at-a-time';
import { driveRides } from './ride-load';
import {
  formatRatio,
  formatSpread,
  median,
  ratio,
  round1,
  spread,
  type Spread,
} from './round-stats';

/** In the order a ride goes through them. */
const SERVICES: ServiceName[] = [
  'api-gateway',
  'ride-service',
  'pricing-service',
  'driver-service',
];
type PerService = Record<ServiceName, number>;
const P99_LIMIT_MS = 500;

interface Options {
  configs: BenchConfig[];
  rounds: number;
  rates: number[];
  stepSeconds: number;
  idleSeconds: number;
  warmupSeconds: number;
}

function readOptions(): Options {
  return {
    configs: parseConfigs(process.env.BENCH_CONFIGS ?? 'bare,full telemetry'),
    rounds: wholeNumber('BENCH_ROUNDS', 3),
    rates: positiveNumbers('BENCH_RATES', '10,20,30'),
    stepSeconds: positiveNumber('BENCH_STEP_SECONDS', 20),
    idleSeconds: positiveNumber('BENCH_IDLE_SECONDS', 20),
    warmupSeconds: positiveNumber('BENCH_WARMUP_SECONDS', 10),
  };
}

interface StepResult {
  rate: number;
  achievedRidesPerSecond: number;
  createP50: number | null;
  createP99: number | null;
  assignedP50: number | null;
  assignedP99: number | null;
  errors: number;
  /** CPU time the four services used during the step, per accepted ride: together and each. */
  cpuMsPerRide: number;
  cpuMsPerRideByService: PerService;
  /** At the end of the step. */
  rssMiB: PerService;
}

/** One configuration's system in one round. */
interface RunResult {
  config: string;
  round: number;
  idleCpuMsPerSecond: number;
  idleCpuMsPerSecondByService: PerService;
  steps: StepResult[];
}

const perService = <T = number>(value: (service: ServiceName) => T) =>
  Object.fromEntries(SERVICES.map((service) => [service, value(service)])) as Record<
    ServiceName,
    T
  >;

/** CPU time used so far by each service, in ms. */
const cpuOf = (system: RunningSystem) =>
  perService((service) => cpuTimeMs(system.services[service].pid) ?? 0);

/** CPU time used since `before`, divided by `count`: together and per service. */
function cpuPer(system: RunningSystem, before: PerService, count: number) {
  const after = cpuOf(system);
  const per = (ms: number) => (count > 0 ? round1(ms / count) : 0);
  return {
    total: per(SERVICES.reduce((sum, service) => sum + after[service] - before[service], 0)),
    byService: perService((service) => per(after[service] - before[service])),
  };
}

/** Warm-up, idle CPU, then every rate, on a system that is ready. */
async function measure(
  system: RunningSystem,
  options: Options,
  log: Log,
): Promise<Omit<RunResult, 'config' | 'round'>> {
  const lowest = Math.min(...options.rates);
  log(`warm-up, ${options.warmupSeconds} s at ${lowest} rides/s`);
  await driveRides(system.gatewayUrl, lowest, options.warmupSeconds * 1000, 0);

  log(`idle, ${options.idleSeconds} s`);
  const idleBefore = cpuOf(system);
  await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
  const idle = cpuPer(system, idleBefore, options.idleSeconds);

  const steps: StepResult[] = [];
  for (const rate of options.rates) {
    log(`${rate} rides/s, ${options.stepSeconds} s`);
    const before = cpuOf(system);
    const summary = await driveRides(system.gatewayUrl, rate, options.stepSeconds * 1000, rate);
    const cpu = cpuPer(system, before, summary.rides.accepted);
    const step: StepResult = {
      rate,
      achievedRidesPerSecond: round1(summary.rides.accepted / (summary.elapsedMs / 1000)),
      createP50: summary.latencyMs.createRide.p50,
      createP99: summary.latencyMs.createRide.p99,
      assignedP50: summary.latencyMs.requestToAssigned.p50,
      assignedP99: summary.latencyMs.requestToAssigned.p99,
      errors: summary.errors.total,
      cpuMsPerRide: cpu.total,
      cpuMsPerRideByService: cpu.byService,
      rssMiB: perService((service) =>
        Math.round((residentSetBytes(system.services[service].pid) ?? 0) / 2 ** 20),
      ),
    };
    steps.push(step);
    log(
      `${rate} rides/s: ${step.achievedRidesPerSecond} achieved, POST p99 ${step.createP99} ms, ${step.errors} errors, ${step.cpuMsPerRide} CPU ms/ride`,
    );
  }
  return {
    idleCpuMsPerSecond: idle.total,
    idleCpuMsPerSecondByService: idle.byService,
    steps,
  };
}

/** The highest rate achieved in a run with POST /v1/rides p99 under the limit and no errors. */
function sustained(run: RunResult): number {
  const ok = run.steps.filter(
    (step) => step.errors === 0 && step.createP99 !== null && step.createP99 < P99_LIMIT_MS,
  );
  return Math.max(0, ...ok.map((step) => step.achievedRidesPerSecond));
}

interface RateSummary {
  rate: number;
  achievedRidesPerSecond: Spread | undefined;
  createP50: Spread | undefined;
  createP99: Spread | undefined;
  assignedP50: Spread | undefined;
  assignedP99: Spread | undefined;
  /** Over all rounds. */
  errors: number;
  cpuMsPerRide: Spread | undefined;
  /** Median CPU per ride over bare's median at the same rate. */
  cpuMsPerRideVsBare: number | null;
  cpuMsPerRideByService: Record<ServiceName, Spread | undefined>;
  /** Medians. */
  rssMiB: PerService;
}

interface ConfigSummary {
  config: string;
  idleCpuMsPerSecond: Spread | undefined;
  idleCpuMsPerSecondByService: Record<ServiceName, Spread | undefined>;
  rates: RateSummary[];
  sustainedByRound: number[];
  sustainedMedian: number;
  sustainedVsBare: number | null;
}

function summarize(options: Options, runs: RunResult[]): ConfigSummary[] {
  const summaries = options.configs.map((config): ConfigSummary => {
    const own = runs.filter((run) => run.config === config.name);
    const rates = options.rates.map((rate): RateSummary => {
      const steps = own.map((run) => run.steps.find((step) => step.rate === rate)!);
      const of = (value: (step: StepResult) => number | null) => spread(steps.map(value));
      return {
        rate,
        achievedRidesPerSecond: of((step) => step.achievedRidesPerSecond),
        createP50: of((step) => step.createP50),
        createP99: of((step) => step.createP99),
        assignedP50: of((step) => step.assignedP50),
        assignedP99: of((step) => step.assignedP99),
        errors: steps.reduce((sum, step) => sum + step.errors, 0),
        cpuMsPerRide: of((step) => step.cpuMsPerRide),
        cpuMsPerRideVsBare: null,
        cpuMsPerRideByService: perService((service) =>
          of((step) => step.cpuMsPerRideByService[service]),
        ),
        rssMiB: perService((service) => median(steps.map((step) => step.rssMiB[service]))),
      };
    });
    const sustainedByRound = own.map(sustained);
    return {
      config: config.name,
      idleCpuMsPerSecond: spread(own.map((run) => run.idleCpuMsPerSecond)),
      idleCpuMsPerSecondByService: perService((service) =>
        spread(own.map((run) => run.idleCpuMsPerSecondByService[service])),
      ),
      rates,
      sustainedByRound,
      sustainedMedian: median(sustainedByRound),
      sustainedVsBare: null,
    };
  });
  const bare = summaries.find((summary) => summary.config === 'bare');
  if (bare) {
    for (const summary of summaries) {
      summary.sustainedVsBare = ratio(summary.sustainedMedian, bare.sustainedMedian);
      for (const [index, rate] of summary.rates.entries()) {
        rate.cpuMsPerRideVsBare = ratio(
          rate.cpuMsPerRide?.median,
          bare.rates[index]!.cpuMsPerRide?.median,
        );
      }
    }
  }
  return summaries;
}

const short = (service: ServiceName) => service.replace('-service', '');
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function report(options: Options, summaries: ConfigSummary[]): string {
  const hasBare = summaries.some((summary) => summary.config === 'bare');
  const byRate = options.rates.flatMap((rate, index) =>
    summaries.map((summary) => ({ config: summary.config, rate: summary.rates[index]! })),
  );
  const rounds = Array.from({ length: options.rounds }, (_, index) => `round ${index + 1}`);
  return [
    `Medians over ${options.rounds} round(s), min–max in brackets.`,
    '',
    `CPU per accepted ride, ms (${options.stepSeconds} s per rate):`,
    '',
    row([
      'config',
      'target rides/s',
      '4 services',
      ...(hasBare ? ['vs bare'] : []),
      ...SERVICES.map(short),
    ]),
    row(['---', '---:', '---:', ...(hasBare ? ['---:'] : []), ...SERVICES.map(() => '---:')]),
    ...byRate.map(({ config, rate }) =>
      row([
        config,
        rate.rate,
        formatSpread(rate.cpuMsPerRide),
        ...(hasBare ? [formatRatio(rate.cpuMsPerRideVsBare)] : []),
        ...SERVICES.map((service) => formatSpread(rate.cpuMsPerRideByService[service])),
      ]),
    ),
    '',
    'Rides and latency:',
    '',
    row([
      'config',
      'target rides/s',
      'achieved rides/s',
      'POST p50 ms',
      'POST p99 ms',
      'to ASSIGNED p50 ms',
      'to ASSIGNED p99 ms',
      'errors, all rounds',
      `RSS MiB (${SERVICES.map(short).join(' / ')})`,
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
    ...byRate.map(({ config, rate }) =>
      row([
        config,
        rate.rate,
        formatSpread(rate.achievedRidesPerSecond),
        formatSpread(rate.createP50),
        formatSpread(rate.createP99),
        formatSpread(rate.assignedP50),
        formatSpread(rate.assignedP99),
        rate.errors,
        SERVICES.map((service) => rate.rssMiB[service]).join(' / '),
      ]),
    ),
    '',
    `Idle CPU, ms per second over ${options.idleSeconds} s without traffic:`,
    '',
    row(['config', '4 services', ...SERVICES.map(short)]),
    row(['---', '---:', ...SERVICES.map(() => '---:')]),
    ...summaries.map((summary) =>
      row([
        summary.config,
        formatSpread(summary.idleCpuMsPerSecond),
        ...SERVICES.map((service) => formatSpread(summary.idleCpuMsPerSecondByService[service])),
      ]),
    ),
    '',
    `Highest rate sustained (rides/s achieved with POST /v1/rides p99 < ${P99_LIMIT_MS} ms and no errors):`,
    '',
    row(['config', ...rounds, 'median', ...(hasBare ? ['vs bare'] : [])]),
    row(['---', ...rounds.map(() => '---:'), '---:', ...(hasBare ? ['---:'] : [])]),
    ...summaries.map((summary) =>
      row([
        summary.config,
        ...summary.sustainedByRound,
        // A median of values with one decimal has at most two.
        Math.round(summary.sustainedMedian * 100) / 100,
        ...(hasBare ? [formatRatio(summary.sustainedVsBare)] : []),
      ]),
    ),
  ].join('\n');
}

async function main(options: Options) {
  const results = await oneSystemAtATime(options.configs, options.rounds, (system, log) =>
    measure(system, options, log),
  );
  const runs: RunResult[] = results.map(({ config, round, result }) => ({
    config,
    round,
    ...result,
  }));
  const summary = summarize(options, runs);
  console.log(report(options, summary));
  if (process.env.BENCH_OUT) {
    writeFileSync(
      process.env.BENCH_OUT,
      JSON.stringify(
        {
          options: { ...options, configs: options.configs.map((config) => config.name) },
          runs,
          summary,
        },
        null,
        2,
      ),
    );
  }
}

let options: Options;
try {
  options = readOptions();
} catch (error) {
  // A mistake in the options, before anything started: its message says which.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
main(options).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
