/**
 * `pnpm --filter @rideshare/system-tests bench:spans`: how many spans one ride makes, by
 * service and span name. Runs the system with telemetry into the in-process receivers, drives
 * it at a low fixed rate, flushes every service (SIGTERM) and counts the spans received.
 *
 * Options (env): SPANS_RATE (rides/s, default 5), SPANS_SECONDS (default 10).
 */
import { startSystem } from '@rideshare/system-harness';
import { BENCH_SERVICE_ENV, driveRides } from './ride-load';

const rate = Number(process.env.SPANS_RATE ?? 5);
const seconds = Number(process.env.SPANS_SECONDS ?? 10);

async function main() {
  const system = await startSystem({ telemetry: true, env: BENCH_SERVICE_ENV });
  try {
    const summary = await driveRides(system.gatewayUrl, rate, seconds * 1000, 1);
    await system.stopServices();
    const rides = summary.rides.accepted;
    const spans = system.otlp!.spans;
    const counts = new Map<string, number>();
    for (const span of spans) {
      const key = `${span.serviceName} | ${span.name}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    console.log(
      `${rides} rides, ${spans.length} spans: ${(spans.length / rides).toFixed(1)} per ride`,
    );
    console.log('\n| spans per ride | service | span name |\n|---:|---|---|');
    for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1])) {
      const [service, name] = key.split(' | ');
      console.log(`| ${(count / rides).toFixed(2)} | ${service} | ${name} |`);
    }
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
