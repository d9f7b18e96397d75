#!/usr/bin/env node
/**
 * CLI: `node --require @rideshare/otel-profiling/register dist/main.js [options]`.
 * Progress goes to stderr, the summary to stdout (JSON with --json).
 * Exit codes: 0 done, 1 no ride was accepted, 2 invalid options.
 */
import { formatProgress, formatSummary } from './summary-format';
import { touchHeartbeat } from './heartbeat';
import { HELP, OptionsError, parseCommandLine, type CommandLine } from './options';
import { runLoad } from './run-load';
import { onStopSignals } from './stop-signals';

async function main(): Promise<number> {
  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (commandLine.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { options, json, heartbeatFile } = commandLine;
  const heartbeat = () => {
    if (heartbeatFile !== undefined) touchHeartbeat(heartbeatFile);
  };

  // First Ctrl-C / SIGTERM: stop new arrivals, let open rides finish, print the summary and
  // exit 0. A second, later one: leave now.
  const stop = new AbortController();
  onStopSignals({
    first: (signal) => {
      process.stderr.write(`${signal}: no new rides; waiting for open rides (again to quit now)\n`);
      stop.abort();
    },
    again: () => process.exit(130),
  });

  const limit =
    options.rides !== undefined
      ? `${options.rides} rides`
      : `${(options.durationMs ?? 0) / 1000} s`;
  process.stderr.write(
    `load-generator: ${options.rate} rides/s for ${limit} against ${options.gatewayUrl}\n`,
  );
  heartbeat();
  const summary = await runLoad(options, {
    signal: stop.signal,
    onProgress: (progress) => {
      heartbeat();
      process.stderr.write(`${formatProgress(progress)}\n`);
    },
  });
  process.stdout.write(
    json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`,
  );
  return summary.rides.planned > 0 && summary.rides.accepted === 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `load-generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
