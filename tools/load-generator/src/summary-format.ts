import type { LatencyStats } from './percentiles';
import type { Progress, Summary } from './stats';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const millis = (value: number | null) => (value === null ? '-' : value.toFixed(1));

function counts(record: Record<string, number>, skipZero = false): string {
  const entries = Object.entries(record).filter(([, count]) => !skipZero || count > 0);
  return entries.length === 0
    ? 'none'
    : entries.map(([key, count]) => `${key} ${count}`).join(', ');
}

/** One progress line, e.g. for stderr every few seconds. */
export function formatProgress(progress: Progress): string {
  return (
    `[${seconds(progress.elapsedMs).padStart(7)}] sent ${progress.sent}/${progress.planned}` +
    ` accepted ${progress.accepted} in-flight ${progress.inFlight}` +
    ` completed ${progress.completed} no-driver ${progress.noDriver} errors ${progress.errors}` +
    ` | POST /v1/rides p50 ${millis(progress.createRideP50)} ms p99 ${millis(progress.createRideP99)} ms`
  );
}

function latencyRow(name: string, stats: LatencyStats): string {
  const cells = [String(stats.count), ...[stats.p50, stats.p90, stats.p99, stats.max].map(millis)];
  return `    ${name.padEnd(26)}${cells.map((cell) => cell.padStart(8)).join('')}`;
}

/** The human-readable end-of-run report. */
export function formatSummary(summary: Summary): string {
  const { rides } = summary;
  const lines = [
    `Load generator summary: ${summary.gatewayUrl}, ${summary.rate} rides/s, ${seconds(summary.elapsedMs)}` +
      (summary.stoppedEarly ? ' (stopped early)' : ''),
    `  drivers     registered ${summary.drivers.registered}/${summary.drivers.requested}`,
    `  rides       planned ${rides.planned}, sent ${rides.sent}, accepted ${rides.accepted} (${rides.acceptedAfterRetry} after a retry), rejected ${rides.rejected}, skipped ${rides.skipped}; shed answers (503/429, retried) ${rides.shed}, unanswered and retried ${rides.unansweredRetried}`,
    `  by vehicle  ${counts(rides.byVehicle)}`,
    `  by region   ${counts(rides.byRegion)}`,
    `  final status of accepted rides: ${counts(summary.finalStatus)}`,
    `  requests    ${summary.requests.total}`,
    ...Object.entries(summary.requests.byEndpoint).map(
      ([endpoint, endpointCounts]) =>
        `    ${endpoint.padEnd(30)}${String(endpointCounts.count).padStart(7)}  (${counts(endpointCounts.statuses)})`,
    ),
    `  errors      ${summary.errors.total}${summary.errors.total > 0 ? `: ${counts(summary.errors.byKind, true)}` : ''}`,
    ...Object.entries(summary.errors.firstMessage).map(
      ([kind, message]) => `    first ${kind}: ${message}`,
    ),
    `  latency ms${' '.repeat(22)}count     p50     p90     p99     max`,
    latencyRow('POST /v1/rides (202)', summary.latencyMs.createRide),
    latencyRow('request -> ASSIGNED', summary.latencyMs.requestToAssigned),
  ];
  return lines.join('\n');
}
