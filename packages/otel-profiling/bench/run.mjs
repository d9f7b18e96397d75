// pnpm bench: one HTTP service under autocannon, four telemetry modes measured
// in the same run, in alternating order, each in its own child process.
//   BENCH_ROUNDS (3), BENCH_DURATION seconds per measurement (8), BENCH_CONNECTIONS (32)
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { attribution } from './attribution.mjs';
import { startFakeBackends } from './fake-backends.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const register = join(here, '..', 'dist', 'register.js');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const duration = Number(process.env.BENCH_DURATION ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP_SECONDS = 2;

const modes = [
  { id: 'none', title: 'no telemetry', register: false },
  { id: 'tracing', title: 'tracing only', register: true },
  {
    id: 'global-labels',
    title: 'tracing + profiling, process-global labels (@pyroscope/nodejs setLabels)',
    register: true,
    profiled: true,
  },
  {
    id: 'span-labels',
    title: 'tracing + profiling, span labels (this package)',
    register: true,
    profiled: true,
  },
];

const backends = await startFakeBackends();
const scratch = mkdtempSync(join(tmpdir(), 'otel-profiling-bench-'));

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** User + system CPU time the process has used so far, in milliseconds. */
function cpuMilliseconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

function rssMegabytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function measure(mode, round) {
  const appName = `bench-${mode.id}-${round}`;
  const spansFile = join(scratch, `${appName}.json`);
  const env = {
    PATH: process.env.PATH,
    BENCH_MODE: mode.id,
    BENCH_APP_NAME: appName,
    BENCH_PYROSCOPE: backends.url,
    BENCH_SPANS_FILE: spansFile,
    OTEL_SERVICE_NAME: appName,
    OTEL_EXPORTER_OTLP_ENDPOINT: backends.url,
    LOG_LEVEL: 'warn',
    ...(mode.id === 'span-labels'
      ? { PYROSCOPE_SERVER_ADDRESS: backends.url, PYROSCOPE_UPLOAD_INTERVAL: '5s' }
      : {}),
  };
  const child = spawn(
    process.execPath,
    [...(mode.register ? ['--require', register] : []), join(here, 'service.cjs')],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [firstLine] = await once(child.stdout, 'data');
  const { port } = JSON.parse(firstLine.toString().split('\n')[0]);
  const url = `http://127.0.0.1:${port}/rides`;

  await autocannon({ url, connections, duration: WARMUP_SECONDS });
  const cpuBefore = cpuMilliseconds(child.pid);
  const result = await autocannon({ url, connections, duration });
  const cpuUsed = cpuMilliseconds(child.pid) - cpuBefore;
  const rss = rssMegabytes(child.pid);
  child.kill('SIGTERM');
  const [code, signal] = await once(child, 'exit');
  if (code !== 0 && signal !== 'SIGTERM')
    throw new Error(`${mode.id} exited with ${code ?? signal}`);
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(`${mode.id}: ${result.errors} errors, ${result.non2xx} non-2xx`);

  const row = {
    requestsPerSecond: result.requests.average,
    // CPU time per request barely depends on what else runs on the machine,
    // unlike req/s and latency on a shared machine.
    cpuMicrosPerRequest: (cpuUsed * 1000) / result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rss,
  };
  if (mode.profiled) {
    const burnerOfSpan = JSON.parse(readFileSync(spansFile, 'utf8'));
    row.attribution = attribution(backends.profilesOf(appName), burnerOfSpan);
  }
  return row;
}

const results = new Map(modes.map((mode) => [mode.id, []]));
for (let round = 1; round <= rounds; round++) {
  // Rotate the order so that no mode always runs first or last.
  const order = modes.map((_, i) => modes[(i + round - 1) % modes.length]);
  for (const mode of order) {
    const row = await measure(mode, round);
    results.get(mode.id).push(row);
    process.stderr.write(
      `round ${round} ${mode.id}: ${row.requestsPerSecond.toFixed(0)} req/s, ${row.cpuMicrosPerRequest.toFixed(0)} µs CPU/req, p50 ${row.p50} ms, p99 ${row.p99} ms, RSS ${row.rss.toFixed(0)} MB\n`,
    );
  }
}
await backends.close();
rmSync(scratch, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percent = (part, whole) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(2)}%`);
const summary = (rows) => ({
  rps: median(rows.map((r) => r.requestsPerSecond)),
  cpu: median(rows.map((r) => r.cpuMicrosPerRequest)),
  p50: median(rows.map((r) => r.p50)),
  p99: median(rows.map((r) => r.p99)),
  rss: median(rows.map((r) => r.rss)),
});
const baseline = summary(results.get('tracing'));

const lines = [
  `${rounds} rounds x ${modes.length} modes, ${duration} s each (after ${WARMUP_SECONDS} s warm-up), ${connections} connections, Node ${process.version}, ${cpus().length} CPUs; medians over the rounds`,
  '',
  '| mode | req/s | vs tracing | CPU µs/req | vs tracing | p50 ms | p99 ms | p99 vs tracing | RSS MB | RSS vs tracing | own span | other request | unlabeled |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const mode of modes) {
  const rows = results.get(mode.id);
  const m = summary(rows);
  const cells = [
    mode.title,
    m.rps.toFixed(0),
    `${(m.rps / baseline.rps).toFixed(2)}x`,
    m.cpu.toFixed(0),
    `${(m.cpu / baseline.cpu).toFixed(2)}x`,
    m.p50.toFixed(0),
    m.p99.toFixed(0),
    `${(m.p99 / baseline.p99).toFixed(2)}x`,
    m.rss.toFixed(0),
    `${m.rss - baseline.rss >= 0 ? '+' : ''}${(m.rss - baseline.rss).toFixed(0)}`,
  ];
  if (mode.profiled) {
    const sum = { own: 0, other: 0, unlabeled: 0 };
    for (const row of rows) for (const key of Object.keys(sum)) sum[key] += row.attribution[key];
    const whole = sum.own + sum.other + sum.unlabeled;
    cells.push(percent(sum.own, whole), percent(sum.other, whole), percent(sum.unlabeled, whole));
  } else {
    cells.push('', '', '');
  }
  lines.push(`| ${cells.join(' | ')} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
