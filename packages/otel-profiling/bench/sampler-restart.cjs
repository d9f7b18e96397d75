// pnpm bench:sampler-restart: what stopping V8's sampler while a service is idle, and starting it
// again for the next request, would cost. Run as one process (CommonJS, like the services):
// 1. the CPU and event-loop block of starting the sampler in a process that loaded the
//    OpenTelemetry trace SDK and the pg instrumentation (V8 logs every compiled function when a
//    profiler starts, so a service with more code loaded pays more);
// 2. the names the samples get when the sampler starts after the hot functions were optimized
//    (as they would be at every wake-up) against starting before;
// 3. what performance.eventLoopUtilization() reads on an idle process while the sampler runs.
//   BENCH_ROUNDS (5)
const { time } = require('@datadog/pprof');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');

require('@opentelemetry/sdk-trace');
require('@opentelemetry/instrumentation-pg');

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const options = { intervalMicros: 10_000, durationMillis: 60_000, withContexts: true, collectCpuTime: true, useCPED: true };
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function burner(name) {
  return new Function(`return function ${name}(ms) {
    const end = Date.now() + ms;
    let x = 0;
    while (Date.now() < end) for (let i = 0; i < 2000; i++) x += Math.sqrt(i + (x % 7));
    return x;
  }`)();
}

/** Ticks per leaf function name. */
function ticksByLeaf(profile) {
  const strings = profile.stringTable.strings;
  const names = new Map(profile.function.map((f) => [Number(f.id), strings[Number(f.name)]]));
  const leaf = new Map(profile.location.map((l) => [Number(l.id), names.get(Number(l.line[0]?.functionId))]));
  const ticks = {};
  for (const sample of profile.sample) {
    const name = leaf.get(Number(sample.locationId[0])) ?? '?';
    ticks[name] = (ticks[name] ?? 0) + Number(sample.value[0]);
  }
  return ticks;
}

async function work(burnA, burnB, times) {
  for (let i = 0; i < times; i++) {
    burnA(5);
    burnB(5);
    await sleep(1);
  }
}

async function main() {
  console.log(`Node ${process.version}; ${rounds} rounds`);

  const startCpu = [];
  const startWall = [];
  for (let round = 0; round < rounds; round++) {
    const cpu = cpuMs();
    const wall = performance.now();
    time.start(options);
    startWall.push(performance.now() - wall);
    startCpu.push(cpuMs() - cpu);
    await sleep(200);
    time.stop(false, () => ({}));
    await sleep(200);
  }
  console.log(`1. starting the sampler: ${median(startCpu).toFixed(1)} ms CPU, the event loop blocked ${median(startWall).toFixed(1)} ms (median; min–max ${Math.min(...startWall).toFixed(1)}–${Math.max(...startWall).toFixed(1)} ms)`);

  // Started before the functions get hot: the profiler sees them compiled and optimized.
  const coldA = burner('matchDriver');
  const coldB = burner('quotePrice');
  time.start(options);
  await work(coldA, coldB, 40);
  const before = ticksByLeaf(time.stop(false, () => ({})));
  // Started after: they were optimized (and inlined into their caller) while no profiler ran.
  const warmA = burner('matchDriver');
  const warmB = burner('quotePrice');
  await work(warmA, warmB, 60);
  time.start(options);
  await work(warmA, warmB, 40);
  const after = ticksByLeaf(time.stop(false, () => ({})));
  const show = (ticks) =>
    Object.entries(ticks)
      .filter(([name, count]) => count > 0 && name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
  console.log(`2. ticks by function, sampler started before the functions got hot: ${show(before)}`);
  console.log(`   sampler started after they were optimized:                      ${show(after)}`);

  for (const running of [false, true]) {
    if (running) time.start(options);
    const mark = performance.eventLoopUtilization();
    await sleep(2000);
    const utilization = performance.eventLoopUtilization(performance.eventLoopUtilization(), mark).utilization;
    if (running) time.stop(false, () => ({}));
    console.log(`3. idle process, sampler ${running ? 'running' : 'off'}: eventLoopUtilization ${utilization.toFixed(3)}`);
  }
}

main();
