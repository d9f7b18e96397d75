// The benchmarked HTTP service (one child process per mode and round).
// Each request burns CPU in one of 64 distinctly named functions between
// awaits of different kinds and remembers which function its span used, so the
// bench can tell from the uploaded profile whether a sample's span_id is the
// request's own. BENCH_MODE=global-labels adds @pyroscope/nodejs with
// process-global setLabels, set when a request starts and cleared when it ends.
// CommonJS like the compiled NestJS services, so that `--require .../register`
// instruments node:http the same way.
const { writeFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { setTimeout: sleep } = require('node:timers/promises');
const { trace } = require('@opentelemetry/api');
const mode = process.env.BENCH_MODE ?? 'none';
const BURNERS = 64;
const BURN_MS = 0.6;

const burners = Array.from({ length: BURNERS }, (_, i) =>
  new Function(`return function benchBurn${String(i).padStart(2, '0')}(ms) {
    const end = performance.now() + ms;
    let x = 0;
    while (performance.now() < end) for (let j = 0; j < 200; j++) x += Math.sqrt(j + (x % 3));
    return x;
  }`)(),
);

let pyroscope;
if (mode === 'global-labels') {
  pyroscope = require('@pyroscope/nodejs').default;
  pyroscope.init({
    appName: process.env.BENCH_APP_NAME,
    serverAddress: process.env.BENCH_PYROSCOPE,
    flushIntervalMs: 5000,
    wall: { samplingIntervalMicros: 10_000, collectCpuTime: true },
  });
  pyroscope.startWallProfiling();
}

let requestCount = 0;
const burnerOfSpan = {};

const server = createServer(async (request, response) => {
  const index = requestCount++ % BURNERS;
  const burn = burners[index];
  const spanId = trace.getActiveSpan()?.spanContext().spanId;
  if (spanId !== undefined) burnerOfSpan[spanId] = index;
  if (pyroscope !== undefined && spanId !== undefined) {
    pyroscope.setLabels({ span_id: spanId });
    response.on('finish', () => pyroscope.setLabels({}));
  }
  burn(BURN_MS);
  await Promise.resolve();
  burn(BURN_MS);
  await new Promise((resolve) => setImmediate(resolve));
  burn(BURN_MS);
  await sleep(1);
  burn(BURN_MS);
  response.end('ok');
});

process.on('SIGTERM', async () => {
  server.close();
  server.closeAllConnections();
  if (pyroscope !== undefined) {
    // Let a profiling round that @pyroscope/nodejs already scheduled run first:
    // stopping between its timer and its setImmediate makes that round throw.
    await new Promise((resolve) => setImmediate(resolve));
    await pyroscope.stopWallProfiling();
  }
  if (process.env.BENCH_SPANS_FILE)
    writeFileSync(process.env.BENCH_SPANS_FILE, JSON.stringify(burnerOfSpan));
  // The event loop empties now; the register entry flushes telemetry on beforeExit.
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
