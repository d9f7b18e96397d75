/**
 * pnpm --filter @rideshare/system-tests bench:allocations: which code allocates the JavaScript
 * heap, per ride, per service and configuration. One whole system at a time (as bench:memory);
 * every service runs V8's sampling heap profiler (allocation-sampler.ts), which also counts
 * objects that die young. The bytes allocated between the end of the warm-up and the end of the
 * load, divided by the rides accepted in that load, are printed by owner (OpenTelemetry, the
 * profiler's libraries, otel-profiling, the application with Node.js) and for the packages that
 * differ most from the first configuration.
 *
 * - BENCH_CONFIGS (default "bare,full telemetry"), as in bench:system.
 * - BENCH_ROUNDS (default 2, configurations alternate order), BENCH_RATE (rides/s, default 20),
 *   BENCH_LOAD_SECONDS (default 30), BENCH_WARMUP_SECONDS (default 10), BENCH_TOP (packages listed
 *   per service, default 8).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_NAMES, type RunningSystem, type ServiceName } from '@rideshare/system-harness';
import { difference, ownerOf, type Owner } from './allocation-by-package';
import { withNodeOptions, type BenchConfig } from './bench-configs';
import { fixedRateOptions, wholeNumber } from './bench-env';
import { markdownTable } from './markdown-table';
import { oneSystemAtATimeWithDir, type Log } from './one-system-at-a-time';
import { driveRides } from './ride-load';
import { formatDifference, median } from './round-stats';

const KIB = 1024;
/** The sampler's own work (walking the profile on a signal) is not the service's. */
const SAMPLER_PACKAGE = 'tools/system-tests';
const OWNERS: Owner[] = ['OpenTelemetry', 'profiler', 'otel-profiling', 'application and Node.js'];

const options = { ...fixedRateOptions(), top: wholeNumber('BENCH_TOP', 8) };

/** Per service: KiB allocated per ride by package, and HTTP requests the load made per ride. */
interface Measurement {
  kibPerRide: Record<ServiceName, Map<string, number>>;
  requestsPerRide: number;
}

function withSampler(config: BenchConfig, samplesDir: string): BenchConfig {
  return withNodeOptions(config, `--require=${join(__dirname, 'allocation-sampler.js')}`, {
    ALLOCATION_SAMPLES_DIR: samplesDir,
  });
}

/** Asks every service for its bytes so far (the n-th time) and reads them. */
async function snapshot(
  system: RunningSystem,
  samplesDir: string,
  n: number,
): Promise<Record<ServiceName, Map<string, number>>> {
  const fileOf = (name: ServiceName) => join(samplesDir, `${system.services[name].pid}-${n}.json`);
  for (const name of SERVICE_NAMES) process.kill(system.services[name].pid, 'SIGUSR2');
  for (let waited = 0; !SERVICE_NAMES.every((name) => existsSync(fileOf(name))); waited++) {
    if (waited === 300) throw new Error(`services wrote no allocation samples to ${samplesDir}`);
    await sleep(100);
  }
  const read = (name: ServiceName) =>
    new Map(
      Object.entries(JSON.parse(readFileSync(fileOf(name), 'utf8')) as Record<string, number>),
    );
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, read(name)])) as Record<
    ServiceName,
    Map<string, number>
  >;
}

async function measure(system: RunningSystem, samplesDir: string, log: Log): Promise<Measurement> {
  log(`warm-up, ${options.warmupSeconds} s at ${options.rate} rides/s`);
  await driveRides(system.gatewayUrl, options.rate, options.warmupSeconds * 1000, 0);
  const before = await snapshot(system, samplesDir, 1);
  log(`${options.rate} rides/s, ${options.loadSeconds} s`);
  const summary = await driveRides(system.gatewayUrl, options.rate, options.loadSeconds * 1000, 0);
  const after = await snapshot(system, samplesDir, 2);
  const rides = summary.rides.accepted;
  if (rides === 0) throw new Error('no ride was accepted during the load');
  const perRide = (name: ServiceName) => {
    const bytes = difference(after[name], before[name]);
    bytes.delete(SAMPLER_PACKAGE);
    return new Map([...bytes].map(([pkg, value]) => [pkg, value / rides / KIB]));
  };
  return {
    kibPerRide: Object.fromEntries(SERVICE_NAMES.map((name) => [name, perRide(name)])) as Record<
      ServiceName,
      Map<string, number>
    >,
    requestsPerRide: summary.requests.total / rides,
  };
}

/** Median over the rounds of each package's KiB per ride (0 where a round saw none). */
function medianByPackage(measurements: Measurement[], service: ServiceName): Map<string, number> {
  const packages = new Set(measurements.flatMap((m) => [...m.kibPerRide[service].keys()]));
  return new Map(
    [...packages].map((pkg) => [
      pkg,
      median(measurements.map((m) => m.kibPerRide[service].get(pkg) ?? 0)),
    ]),
  );
}

function byOwner(kib: Map<string, number>): Record<Owner | 'total', number> {
  const sums = { total: 0 } as Record<Owner | 'total', number>;
  for (const owner of OWNERS) sums[owner] = 0;
  for (const [pkg, value] of kib) {
    sums[ownerOf(pkg)] += value;
    sums.total += value;
  }
  return sums;
}

function printResults(results: Map<string, Measurement[]>): void {
  const [first, ...others] = options.configs;
  const baseName = first!.name;
  console.log('\nKiB allocated per ride, by owner (medians over the rounds)\n');
  const ownerRows: string[][] = [];
  for (const config of options.configs) {
    for (const service of SERVICE_NAMES) {
      const sums = byOwner(medianByPackage(results.get(config.name)!, service));
      ownerRows.push([
        config.name,
        service,
        sums.total.toFixed(1),
        ...OWNERS.map((owner) => sums[owner].toFixed(1)),
      ]);
    }
  }
  console.log(markdownTable(['config', 'service', 'total', ...OWNERS], ownerRows));

  for (const config of others) {
    console.log(
      `\nPackages that allocate most more per ride in ${config.name} than in ${baseName}\n`,
    );
    const rows: string[][] = [];
    for (const service of SERVICE_NAMES) {
      const base = medianByPackage(results.get(baseName)!, service);
      const other = medianByPackage(results.get(config.name)!, service);
      const deltas = [...new Set([...base.keys(), ...other.keys()])]
        .map((pkg) => ({ pkg, base: base.get(pkg) ?? 0, other: other.get(pkg) ?? 0 }))
        .sort((a, b) => b.other - b.base - (a.other - a.base))
        .slice(0, options.top);
      for (const { pkg, base: kibBase, other: kibOther } of deltas) {
        rows.push([
          service,
          pkg,
          kibBase.toFixed(1),
          kibOther.toFixed(1),
          formatDifference(kibOther - kibBase),
        ]);
      }
    }
    console.log(markdownTable(['service', 'package', baseName, config.name, 'difference'], rows));
  }

  console.log('\nHTTP requests the load made per ride (create, polls, complete; medians)\n');
  for (const config of options.configs) {
    const perRide = median(results.get(config.name)!.map((m) => m.requestsPerRide));
    console.log(`- ${config.name}: ${perRide.toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  const results = await oneSystemAtATimeWithDir(
    'allocation-bench-',
    options.configs,
    options.rounds,
    withSampler,
    measure,
  );
  console.log(
    `\n${options.rounds} round(s); ${options.rate} rides/s for ${options.loadSeconds} s after a ${options.warmupSeconds} s warm-up; V8's sampling heap profiler in every service, young and old garbage counted`,
  );
  printResults(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
