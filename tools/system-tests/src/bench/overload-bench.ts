/**
 * `pnpm --filter @rideshare/system-tests bench:overload`: what the system does past its knee.
 * One system (bare services, native Kafka + PostgreSQL) driven by the load generator in an open
 * model at stepped arrival rates up to about twice what it sustains. Per step (its arrivals, then
 * the drain until every open ride has ended): rides/s offered vs accepted over the whole time, 503/429 answers (shed, retried by the generator after Retry-After), rides given
 * up, latency of the accepted, and every other 5xx (there must be none).
 *
 * Options (env): OVERLOAD_RATES (default "20,40,60,80"), OVERLOAD_STEP_SECONDS
 * (default 20), OVERLOAD_TELEMETRY=1 (services with full telemetry instead of bare).
 */
import { loadavg } from 'node:os';
import type { Summary } from '@rideshare/load-generator';
import { startSystem } from '@rideshare/system-harness';
import { BENCH_SERVICE_ENV, driveRides } from './ride-load';

const rates = (process.env.OVERLOAD_RATES ?? '20,40,60,80').split(',').map(Number);
const stepSeconds = Number(process.env.OVERLOAD_STEP_SECONDS ?? 20);
const telemetry = process.env.OVERLOAD_TELEMETRY === '1';

/** 5xx answers other than the documented 503, and calls that got no answer at all. */
interface Failure {
  endpoint: string;
  status: string;
  count: number;
}

function undocumentedFailures(summary: Summary): Failure[] {
  return Object.entries(summary.requests.byEndpoint).flatMap(([endpoint, { statuses }]) =>
    Object.entries(statuses)
      .filter(
        ([status]) =>
          status === 'network' ||
          status === 'timeout' ||
          (Number(status) >= 500 && status !== '503'),
      )
      .map(([status, count]) => ({ endpoint, status, count })),
  );
}

const count = (failures: Failure[]) => failures.reduce((sum, failure) => sum + failure.count, 0);
const round = (value: number | null) => (value === null ? '–' : String(Math.round(value)));

async function main() {
  const system = await startSystem({ telemetry, env: BENCH_SERVICE_ENV });
  try {
    console.log(
      `\n${telemetry ? 'full telemetry' : 'bare'}, ${stepSeconds} s per step\n\n` +
        '| offered rides/s | step + drain s | accepted rides/s | rides sent | accepted | accepted after a retry | given up | 503/429 answers to POST | POST p50 ms (accepted) | POST p99 ms | to ASSIGNED p50 ms | to ASSIGNED p99 ms | still REQUESTED at deadline | 5xx other than 503 | no answer (retried or final) | load avg |\n' +
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    const notes: string[] = [];
    for (const [index, rate] of rates.entries()) {
      const summary = await driveRides(system.gatewayUrl, rate, stepSeconds * 1000, index + 1);
      const { rides, latencyMs } = summary;
      const failures = undocumentedFailures(summary);
      if (failures.length > 0)
        notes.push(
          `${rate} rides/s: ${failures.map((f) => `${f.endpoint} ${f.status} x${f.count}`).join(', ')}; first messages: ${JSON.stringify(summary.errors.firstMessage)}`,
        );
      console.log(
        `| ${rate} | ${(summary.elapsedMs / 1000).toFixed(0)} | ${(rides.accepted / (summary.elapsedMs / 1000)).toFixed(1)} | ${rides.sent} | ${rides.accepted} | ${rides.acceptedAfterRetry} | ${rides.rejected} | ${rides.shed} | ${round(latencyMs.createRide.p50)} | ${round(latencyMs.createRide.p99)} | ${round(latencyMs.requestToAssigned.p50)} | ${round(latencyMs.requestToAssigned.p99)} | ${summary.finalStatus.REQUESTED} | ${count(failures.filter((f) => /^\d+$/.test(f.status)))} | ${count(failures.filter((f) => !/^\d+$/.test(f.status)))} | ${loadavg()[0]!.toFixed(1)} |`,
      );
    }
    for (const note of notes) console.log(`\n${note}`);
  } finally {
    await system.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
