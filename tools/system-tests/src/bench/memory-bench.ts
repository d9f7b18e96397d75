/**
 * pnpm --filter @rideshare/system-tests bench:memory: where each service's memory goes, per
 * configuration. One whole system at a time (as bench:system): a warm-up, then a fixed rate for a
 * while; RSS is read from /proc every second, and near the end each service writes a Node
 * diagnostic report (SIGUSR2), whose heap spaces split the RSS. Printed per service: RSS (mean over
 * the last 20 s of the load, and its maximum), the V8 heap by space (committed; old space also
 * used), and native memory (RSS minus the V8 heap committed: malloc, the node binary and its
 * libraries, thread stacks), then each configuration against the first one listed.
 *
 * - BENCH_CONFIGS (default "bare,full telemetry"), as in bench:system (`+KEY=VALUE` adds an
 *   environment variable to every service; NODE_OPTIONS is merged with the report flags).
 * - BENCH_ROUNDS (default 2, configurations alternate order), BENCH_RATE (rides/s, default 20),
 *   BENCH_LOAD_SECONDS (default 30), BENCH_WARMUP_SECONDS (default 10).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  residentSetBytes,
  SERVICE_NAMES,
  type RunningSystem,
  type ServiceName,
} from '@rideshare/system-harness';
import { withNodeOptions, type BenchConfig } from './bench-configs';
import { fixedRateOptions } from './bench-env';
import { oneSystemAtATimeWithDir, type Log } from './one-system-at-a-time';
import { markdownTable } from './markdown-table';
import { driveRides } from './ride-load';
import { formatDifference, median } from './round-stats';

const MIB = 1024 * 1024;
const RSS_WINDOW_SECONDS = 20;

interface ServiceMemory {
  rssMeanMiB: number;
  rssMaxMiB: number;
  newSpaceMiB: number;
  oldSpaceUsedMiB: number;
  oldSpaceMiB: number;
  codeSpaceMiB: number;
  otherHeapMiB: number;
  nativeMiB: number;
}

type Measurement = Record<ServiceName, ServiceMemory>;

interface HeapSpace {
  committedMemory: number;
  used: number;
}

interface DiagnosticReport {
  header: { processId: number };
  javascriptHeap: { totalCommittedMemory: number; heapSpaces: Record<string, HeapSpace> };
  resourceUsage: { rss: number };
}

const options = fixedRateOptions();
if (options.loadSeconds <= RSS_WINDOW_SECONDS / 2) {
  throw new Error(`BENCH_LOAD_SECONDS: expected more than ${RSS_WINDOW_SECONDS / 2}`);
}

/** The configuration with the report flags added to NODE_OPTIONS. */
function withReports(config: BenchConfig, reportDir: string): BenchConfig {
  return withNodeOptions(
    config,
    `--report-on-signal --report-signal=SIGUSR2 --report-directory=${reportDir}`,
  );
}

/** The reports in the directory, by the pid of the process that wrote each. */
function reportsByPid(reportDir: string): Map<number, DiagnosticReport> {
  const reports = new Map<number, DiagnosticReport>();
  for (const file of readdirSync(reportDir).filter((name) => name.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8')) as DiagnosticReport;
    reports.set(report.header.processId, report);
  }
  return reports;
}

function breakdown(report: DiagnosticReport, rssSamples: number[]): ServiceMemory {
  const spaces = report.javascriptHeap.heapSpaces;
  const committed = (name: string) => (spaces[name]?.committedMemory ?? 0) / MIB;
  const heapMiB = report.javascriptHeap.totalCommittedMemory / MIB;
  const named = committed('new_space') + committed('old_space') + committed('code_space');
  return {
    rssMeanMiB: rssSamples.reduce((sum, value) => sum + value, 0) / rssSamples.length / MIB,
    rssMaxMiB: Math.max(...rssSamples) / MIB,
    newSpaceMiB: committed('new_space'),
    oldSpaceUsedMiB: (spaces['old_space']?.used ?? 0) / MIB,
    oldSpaceMiB: committed('old_space'),
    codeSpaceMiB: committed('code_space'),
    otherHeapMiB: heapMiB - named,
    nativeMiB: report.resourceUsage.rss / MIB - heapMiB,
  };
}

async function measure(system: RunningSystem, reportDir: string, log: Log): Promise<Measurement> {
  const pidOf = (name: ServiceName) => system.services[name].pid;
  const rss = new Map<ServiceName, number[]>(SERVICE_NAMES.map((name) => [name, []]));
  log(`warm-up, ${options.warmupSeconds} s at ${options.rate} rides/s`);
  await driveRides(system.gatewayUrl, options.rate, options.warmupSeconds * 1000, 0);

  log(`${options.rate} rides/s, ${options.loadSeconds} s`);
  const load = driveRides(system.gatewayUrl, options.rate, options.loadSeconds * 1000, 0);
  const windowStart = Date.now() + (options.loadSeconds - RSS_WINDOW_SECONDS) * 1000;
  const reportAt = Date.now() + (options.loadSeconds - 3) * 1000;
  let reported = false;
  while (Date.now() < reportAt + 1000) {
    if (Date.now() >= windowStart) {
      for (const name of SERVICE_NAMES) {
        const bytes = residentSetBytes(pidOf(name));
        if (bytes !== undefined) rss.get(name)!.push(bytes);
      }
    }
    if (!reported && Date.now() >= reportAt) {
      for (const name of SERVICE_NAMES) process.kill(pidOf(name), 'SIGUSR2');
      reported = true;
    }
    await sleep(1000);
  }
  await load;
  const written = () => SERVICE_NAMES.every((name) => reportsByPid(reportDir).has(pidOf(name)));
  for (let waited = 0; !written(); waited++) {
    if (waited === 100) throw new Error(`services wrote no diagnostic report to ${reportDir}`);
    await sleep(100);
  }
  const reports = reportsByPid(reportDir);
  return Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, breakdown(reports.get(pidOf(name))!, rss.get(name)!)]),
  ) as Measurement;
}

const COLUMNS: Array<[string, keyof ServiceMemory]> = [
  ['RSS mean', 'rssMeanMiB'],
  ['RSS max', 'rssMaxMiB'],
  ['new space', 'newSpaceMiB'],
  ['old used', 'oldSpaceUsedMiB'],
  ['old space', 'oldSpaceMiB'],
  ['code space', 'codeSpaceMiB'],
  ['other heap', 'otherHeapMiB'],
  ['native', 'nativeMiB'],
];

function medianOf(measurements: Measurement[], service: ServiceName): ServiceMemory {
  const result = {} as ServiceMemory;
  for (const [, key] of COLUMNS) {
    result[key] = median(measurements.map((measurement) => measurement[service][key]));
  }
  return result;
}

function printTable(results: Map<string, Measurement[]>): void {
  const header = ['config', 'service', ...COLUMNS.map(([title]) => `${title} MiB`)];
  const rows: string[][] = [];
  const [first] = options.configs;
  for (const config of options.configs) {
    for (const service of SERVICE_NAMES) {
      const memory = medianOf(results.get(config.name)!, service);
      rows.push([config.name, service, ...COLUMNS.map(([, key]) => memory[key].toFixed(1))]);
    }
  }
  for (const config of options.configs.slice(1)) {
    for (const service of SERVICE_NAMES) {
      const memory = medianOf(results.get(config.name)!, service);
      const base = medianOf(results.get(first!.name)!, service);
      rows.push([
        `${config.name} − ${first!.name}`,
        service,
        ...COLUMNS.map(([, key]) => formatDifference(memory[key] - base[key])),
      ]);
    }
  }
  console.log(markdownTable(header, rows));
}

async function main(): Promise<void> {
  const results = await oneSystemAtATimeWithDir(
    'memory-bench-',
    options.configs,
    options.rounds,
    withReports,
    measure,
  );
  console.log(
    `\n${options.rounds} round(s); ${options.rate} rides/s for ${options.loadSeconds} s after a ${options.warmupSeconds} s warm-up; RSS over the last ${RSS_WINDOW_SECONDS} s; heap from a diagnostic report 3 s before the end; medians over the rounds\n`,
  );
  printTable(results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
