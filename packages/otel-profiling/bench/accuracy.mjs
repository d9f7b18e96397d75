// pnpm bench:accuracy — is the CPU a span profile shows the CPU the work burned?
//
// For every burst size x concurrency, one child process runs bench/burst-workload.cjs
// with this package's register entry, uploading its profiles to an in-process
// Pyroscope stand-in. The uploaded pprof is decoded and compared with the CPU the
// workload measured itself:
//   function = CPU on samples whose stack holds a worker's burst function,
//   span     = CPU on samples labeled with one of that worker's span ids (any stack),
//   (idle)   = share of all reported CPU on (idle) frames,
//   own/other = share of the burst functions' CPU labeled with the worker's own
//               spans / another worker's spans.
// Environment: ACCURACY_BURSTS (ms, "0.2,0.5,1,2,5,20"), ACCURACY_CONCURRENCY ("1,4,32"),
// ACCURACY_CPU_BUDGET_MS (3000, CPU burned per configuration), ACCURACY_MIN_BURSTS (200).
// `--json` prints one JSON object per configuration instead of the table.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeBackends } from './fake-backends.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const register = join(here, '..', 'dist', 'register.js');
const list = (value, fallback) => (value ?? fallback).split(',').map(Number);
const burstSizes = list(process.env.ACCURACY_BURSTS, '0.2,0.5,1,2,5,20');
const concurrencies = list(process.env.ACCURACY_CONCURRENCY, '1,4,32');
const cpuBudgetMs = Number(process.env.ACCURACY_CPU_BUDGET_MS ?? 3000);
const minBursts = Number(process.env.ACCURACY_MIN_BURSTS ?? 200);
const asJson = process.argv.includes('--json');

/** The quality bars, for bursts of at least BAR_MIN_BURST_MS. */
const BAR_MIN_BURST_MS = 0.5;
const bars = { minRatio: 0.8, maxRatio: 1.25, maxIdle: 0.02, minOwn: 0.99, maxOther: 0.005 };

const WORKER_FUNCTION = /burstWorker(\d\d)/;

async function runWorkload(backends, appName, burstMs, concurrency) {
  const child = spawn(process.execPath, ['--require', register, join(here, 'burst-workload.cjs')], {
    env: {
      PATH: process.env.PATH,
      OTEL_SERVICE_NAME: appName,
      OTEL_EXPORTER_OTLP_ENDPOINT: backends.url,
      PYROSCOPE_SERVER_ADDRESS: backends.url,
      LOG_LEVEL: 'warn',
      ...(process.env.PYROSCOPE_SAMPLING_INTERVAL
        ? { PYROSCOPE_SAMPLING_INTERVAL: process.env.PYROSCOPE_SAMPLING_INTERVAL }
        : {}),
      BURST_MS: String(burstMs),
      BURST_CONCURRENCY: String(concurrency),
      BURST_CPU_BUDGET_MS: String(cpuBudgetMs),
      BURST_MIN_COUNT: String(minBursts),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`workload (${burstMs} ms x ${concurrency}) exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1));
}

/** Compares the decoded profiles of one configuration with what its workload measured. */
export function analyse(profiles, { calibrationSpanId, workers }) {
  const workerOfSpan = new Map();
  workers.forEach((worker, index) => worker.spanIds.forEach((id) => workerOfSpan.set(id, index)));
  const totals = { reported: 0, idle: 0, function: 0, own: 0, other: 0, span: 0 };
  for (const profile of profiles) {
    const strings = profile.stringTable.strings;
    const cpuIndex = profile.sampleType.findIndex((t) => strings[Number(t.type)] === 'cpu');
    if (cpuIndex === -1) throw new Error('profile has no cpu sample type');
    const functionName = new Map(
      profile.function.map((f) => [Number(f.id), strings[Number(f.name)]]),
    );
    const namesAt = new Map(
      profile.location.map((l) => [
        Number(l.id),
        l.line.map((line) => functionName.get(Number(line.functionId))),
      ]),
    );
    const spanIdKey = strings.indexOf('span_id');
    for (const sample of profile.sample) {
      const cpu = Number(sample.value[cpuIndex]);
      if (cpu <= 0) continue;
      const stack = sample.locationId.flatMap((id) => namesAt.get(Number(id)) ?? []);
      const spanLabel = sample.label.find((label) => Number(label.key) === spanIdKey);
      if (spanLabel !== undefined && strings[Number(spanLabel.str)] === calibrationSpanId) continue;
      const spanWorker =
        spanLabel === undefined ? undefined : workerOfSpan.get(strings[Number(spanLabel.str)]);
      totals.reported += cpu;
      if (stack[0] === '(idle)') totals.idle += cpu;
      if (spanWorker !== undefined) totals.span += cpu;
      const burstFunction = stack.map((name) => WORKER_FUNCTION.exec(name ?? '')).find(Boolean);
      if (burstFunction === undefined) continue;
      totals.function += cpu;
      if (spanWorker === Number(burstFunction[1])) totals.own += cpu;
      else if (spanWorker !== undefined) totals.other += cpu;
    }
  }
  const burnedNanos = workers.reduce((sum, w) => sum + w.burnedMicros * 1000, 0);
  return {
    bursts: workers.reduce((sum, w) => sum + w.bursts, 0),
    burnedMs: burnedNanos / 1e6,
    functionMs: totals.function / 1e6,
    functionRatio: totals.function / burnedNanos,
    spanMs: totals.span / 1e6,
    spanRatio: totals.span / burnedNanos,
    idleShare: totals.reported === 0 ? 0 : totals.idle / totals.reported,
    ownShare: totals.function === 0 ? 0 : totals.own / totals.function,
    otherShare: totals.function === 0 ? 0 : totals.other / totals.function,
  };
}

/** The bars a row misses (empty when it meets them, or when the bars do not apply to its burst size). */
export function missedBars(row) {
  if (row.burstMs < BAR_MIN_BURST_MS) return [];
  const missed = [];
  const inRange = (ratio) => ratio >= bars.minRatio && ratio <= bars.maxRatio;
  if (!inRange(row.functionRatio)) missed.push(`function ${row.functionRatio.toFixed(2)}x`);
  if (!inRange(row.spanRatio)) missed.push(`span ${row.spanRatio.toFixed(2)}x`);
  if (row.idleShare > bars.maxIdle) missed.push(`(idle) ${pct(row.idleShare)}`);
  if (row.ownShare < bars.minOwn) missed.push(`own ${pct(row.ownShare)}`);
  if (row.otherShare > bars.maxOther) missed.push(`other ${pct(row.otherShare)}`);
  return missed;
}

const pct = (share) => `${(100 * share).toFixed(1)}%`;

async function main() {
  const backends = await startFakeBackends();
  const rows = [];
  try {
    for (const burstMs of burstSizes) {
      for (const concurrency of concurrencies) {
        const appName = `accuracy-${burstMs}ms-x${concurrency}-${rows.length + 1}`;
        const measured = await runWorkload(backends, appName, burstMs, concurrency);
        const row = { burstMs, concurrency, ...analyse(backends.profilesOf(appName), measured) };
        rows.push(row);
        if (asJson) process.stdout.write(`${JSON.stringify(row)}\n`);
        else
          process.stderr.write(
            `${appName}: function ${row.functionRatio.toFixed(2)}x, span ${row.spanRatio.toFixed(2)}x\n`,
          );
      }
    }
  } finally {
    await backends.close();
  }
  if (asJson) return;

  const lines = [
    `CPU per configuration >= ${cpuBudgetMs} ms and >= ${minBursts} bursts; Node ${process.version}, ${cpus().length} CPUs; bars for bursts >= ${BAR_MIN_BURST_MS} ms: ${bars.minRatio}-${bars.maxRatio}x, (idle) <= ${pct(bars.maxIdle)}, own >= ${pct(bars.minOwn)}, other <= ${pct(bars.maxOther)}`,
    '',
    '| burst ms | concurrency | bursts | burned ms | function ms | function / burned | span ms | span / burned | (idle) | own | other | bars |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const missed = missedBars(row);
    lines.push(
      `| ${row.burstMs} | ${row.concurrency} | ${row.bursts} | ${row.burnedMs.toFixed(0)} | ${row.functionMs.toFixed(0)} | ${row.functionRatio.toFixed(2)} | ${row.spanMs.toFixed(0)} | ${row.spanRatio.toFixed(2)} | ${pct(row.idleShare)} | ${pct(row.ownShare)} | ${pct(row.otherShare)} | ${row.burstMs < BAR_MIN_BURST_MS ? 'n/a' : missed.length === 0 ? 'met' : `missed: ${missed.join(', ')}`} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
