// The workload of the accuracy benchmark (one child process per configuration,
// started with `--require dist/register.js`).
//
// BURST_CONCURRENCY workers run requests one after another; each request is a
// root span of BURSTS_PER_REQUEST CPU bursts of BURST_MS of thread CPU time,
// each followed by an I/O wait of another kind (timer, socket round trip, fs,
// promise + setImmediate). Every worker burns in its own function
// (burstWorkerNN), so the profile tells which worker a sample belongs to.
// A burst is a fixed number of iterations whose CPU cost the workload measures
// itself before the run (process.cpuUsage over 300 ms while nothing else runs:
// timing each burst instead would count other threads' CPU, and
// process.threadCpuUsage advances in scheduler ticks of several ms); that
// measurement runs in a span of its own, reported as `calibrationSpanId` so
// that its samples are left out. The workload stops once it has burned
// BURST_CPU_BUDGET_MS and made at least BURST_MIN_COUNT bursts, and prints one
// JSON line: per worker the function name, the CPU burned, the burst count and
// the span ids of its requests.
const { once } = require('node:events');
const { stat } = require('node:fs/promises');
const { createServer, connect } = require('node:net');
const { setTimeout: sleep } = require('node:timers/promises');
const { context, ROOT_CONTEXT, trace } = require('@opentelemetry/api');

const burstMs = Number(process.env.BURST_MS);
const concurrency = Number(process.env.BURST_CONCURRENCY);
const cpuBudgetMicros = Number(process.env.BURST_CPU_BUDGET_MS) * 1000;
const minBursts = Number(process.env.BURST_MIN_COUNT);
const BURSTS_PER_REQUEST = 4;

function cpuMicros() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** A function of its own name that runs `iterations` rounds of arithmetic. */
function burner(name) {
  return new Function(`return function ${name}(iterations) {
    let x = 0;
    for (let i = 0; i < iterations; i++) x += Math.sqrt(i + (x % 7));
    globalThis.burstSink = x;
  }`)();
}

/**
 * CPU time of one iteration, measured over all burners in turn for
 * CALIBRATION_MS of CPU while nothing else runs.
 */
function nanosPerIteration(burners) {
  const CALIBRATION_MS = 300;
  const ROUND = 20_000;
  for (const burn of burners) for (let i = 0; i < 20; i++) burn(ROUND); // let V8 optimise each one
  const start = cpuMicros();
  let iterations = 0;
  while (cpuMicros() - start < CALIBRATION_MS * 1000) {
    for (const burn of burners) burn(ROUND);
    iterations += ROUND * burners.length;
  }
  return ((cpuMicros() - start) * 1000) / iterations;
}

function echoServer() {
  const server = createServer((socket) => socket.on('data', (data) => socket.write(data)));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function openSocket(port) {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.setNoDelay(true);
  return socket;
}

async function roundTrip(socket) {
  const reply = once(socket, 'data');
  socket.write('x');
  await reply;
}

function ioWaits(socket) {
  return [
    () => sleep(1),
    () => roundTrip(socket),
    () => stat(__filename),
    () => Promise.resolve().then(() => new Promise((resolve) => setImmediate(resolve))),
  ];
}

async function main() {
  const tracer = trace.getTracer('burst-workload');
  const server = await context.with(ROOT_CONTEXT, echoServer);
  const state = { burnedMicros: 0, bursts: 0 };
  const done = () => state.burnedMicros >= cpuBudgetMicros && state.bursts >= minBursts;

  const names = Array.from(
    { length: concurrency },
    (_, i) => `burstWorker${String(i).padStart(2, '0')}`,
  );
  const burners = names.map(burner);
  const { iterationNanos, calibrationSpanId } = tracer.startActiveSpan(
    'calibration',
    { root: true },
    (span) => {
      const result = {
        iterationNanos: nanosPerIteration(burners),
        calibrationSpanId: span.spanContext().spanId,
      };
      span.end();
      return result;
    },
  );
  const iterationsPerBurst = Math.round((burstMs * 1e6) / iterationNanos);
  const burnedMicrosPerBurst = (iterationsPerBurst * iterationNanos) / 1000;

  const runWorker = async (index) => {
    const name = names[index];
    const burn = burners[index];
    const socket = await context.with(ROOT_CONTEXT, () => openSocket(server.address().port));
    const waits = ioWaits(socket);
    const worker = { functionName: name, burnedMicros: 0, bursts: 0, spanIds: [] };
    let turn = index;
    while (!done()) {
      await tracer.startActiveSpan(`request ${name}`, { root: true }, async (span) => {
        worker.spanIds.push(span.spanContext().spanId);
        for (let i = 0; i < BURSTS_PER_REQUEST; i++) {
          burn(iterationsPerBurst);
          worker.burnedMicros += burnedMicrosPerBurst;
          worker.bursts++;
          state.burnedMicros += burnedMicrosPerBurst;
          state.bursts++;
          await waits[turn++ % waits.length]();
        }
        span.end();
      });
    }
    socket.destroy();
    return worker;
  };

  const workers = await Promise.all(Array.from({ length: concurrency }, (_, i) => runWorker(i)));
  server.close();
  process.stdout.write(`${JSON.stringify({ calibrationSpanId, workers })}\n`);
  // The event loop empties now; the register entry uploads the last profile on beforeExit.
}

void main();
