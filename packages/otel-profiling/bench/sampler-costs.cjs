// pnpm bench:sampler: what the CPU sampler costs a process, part by part, and what stopping it
// while a service is idle (starting it again for the next request) would cost. One process
// (CommonJS, like the services), 100 Hz as the package runs it:
// 0. CPU per second of an idle process and of a busy one (a fixed computation), sampler off/on,
//    and the CPU of one span-label switch (time.runWithContext) against AsyncLocalStorage.run;
// 1. the CPU and event-loop block of starting the sampler in a process that loaded the
//    OpenTelemetry trace SDK and the pg instrumentation (V8 logs every compiled function when a
//    profiler starts, so a service with more code loaded pays more);
// 2. the names the samples get when the sampler starts after the hot functions were optimized
//    (as they would be at every wake-up) against starting before;
// 3. what performance.eventLoopUtilization() reads on an idle process while the sampler runs.
//   BENCH_ROUNDS (5)
const { AsyncLocalStorage } = require('node:async_hooks');
const { time } = require('@datadog/pprof');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');

require('@opentelemetry/sdk-trace');
require('@opentelemetry/instrumentation-pg');

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const options = {
  intervalMicros: 10_000,
  durationMillis: 60_000,
  withContexts: true,
  collectCpuTime: true,
  useCPED: true,
};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function compute(iterations) {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += Math.sqrt((i % 1000) + (x % 3));
  return x;
}

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
  const leaf = new Map(
    profile.location.map((l) => [Number(l.id), names.get(Number(l.line[0]?.functionId))]),
  );
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

  const idle = { off: [], on: [] };
  const busy = { off: [], on: [] };
  for (let round = 0; round < rounds; round++) {
    for (const state of ['off', 'on']) {
      if (state === 'on') time.start(options);
      let cpu = cpuMs();
      await sleep(2000);
      idle[state].push((cpuMs() - cpu) / 2);
      const wall = performance.now();
      cpu = cpuMs();
      compute(3e7);
      busy[state].push(((cpuMs() - cpu) * 1000) / (performance.now() - wall));
      if (state === 'on') time.stop(false, () => ({}));
    }
  }
  const fixed = (values) => median(values).toFixed(1);
  console.log(
    `0. idle process: ${fixed(idle.off)} ms CPU per second with the sampler off, ${fixed(idle.on)} on`,
  );
  console.log(
    `   busy process (one thread computing): ${fixed(busy.off)} ms CPU per second off, ${fixed(busy.on)} on`,
  );
  time.start(options);
  const contexts = [{ spanId: 'a' }, { spanId: 'b' }];
  const storage = new AsyncLocalStorage();
  const perCall = {};
  for (const [name, call] of [
    ['AsyncLocalStorage.run', (i) => storage.run(contexts[i & 1], () => i)],
    ['time.runWithContext', (i) => time.runWithContext(contexts[i & 1], () => i)],
  ]) {
    for (let i = 0; i < 100_000; i++) call(i);
    const cpu = cpuMs();
    for (let i = 0; i < 1_000_000; i++) call(i);
    perCall[name] = (cpuMs() - cpu) / 1000; // ms per million calls / 1000 = µs per call
  }
  time.stop(false, () => ({}));
  console.log(
    `   a span-label switch (time.runWithContext): ${perCall['time.runWithContext'].toFixed(2)} µs of CPU; AsyncLocalStorage.run alone ${perCall['AsyncLocalStorage.run'].toFixed(2)} µs`,
  );

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
  console.log(
    `1. starting the sampler: ${median(startCpu).toFixed(1)} ms CPU, the event loop blocked ${median(startWall).toFixed(1)} ms (median; min–max ${Math.min(...startWall).toFixed(1)}–${Math.max(...startWall).toFixed(1)} ms)`,
  );

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
  console.log(
    `2. ticks by function, sampler started before the functions got hot: ${show(before)}`,
  );
  console.log(`   sampler started after they were optimized:                      ${show(after)}`);

  for (const running of [false, true]) {
    if (running) time.start(options);
    const mark = performance.eventLoopUtilization();
    await sleep(2000);
    const utilization = performance.eventLoopUtilization(
      performance.eventLoopUtilization(),
      mark,
    ).utilization;
    if (running) time.stop(false, () => ({}));
    console.log(
      `3. idle process, sampler ${running ? 'running' : 'off'}: eventLoopUtilization ${utilization.toFixed(3)}`,
    );
  }
}

main();
