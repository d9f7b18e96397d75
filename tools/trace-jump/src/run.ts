import { ExitCode, JumpError } from './exit-codes';
import { followTrace } from './follow-trace';
import { formatText } from './format-text';
import { processIo, type Io } from './io';
import { parseCommand, USAGE } from './options';
import { PyroscopeClient } from './pyroscope/pyroscope-client';
import { buildReport, profiledRootCount, type JumpReport } from './report';
import { startTracedRide } from './ride';
import { TempoClient } from './tempo/tempo-client';
// The `constants` entry keeps the OpenTelemetry SDK out of this CLI.
import { PROFILE_ID_ATTRIBUTE, PROFILE_TYPE_ID } from '@rideshare/otel-profiling/constants';

/** Runs the CLI and returns its exit code; never throws. */
export async function run(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: Io = processIo,
): Promise<number> {
  const progress = (message: string) => io.stderr(`trace-jump: ${message}\n`);
  try {
    const command = parseCommand(argv, env);
    if (command.kind === 'help') {
      io.stdout(`${USAGE}\n`);
      return ExitCode.ok;
    }
    const options = command.options;
    const deadlineMs = Date.now() + options.timeoutMs;

    const tempo = new TempoClient(options.tempoUrl);
    let traceId = options.traceId;
    let ride: JumpReport['ride'] = null;
    if (traceId === undefined) {
      await tempoBeforeAnyRide(tempo);
      const started = await startTracedRide({
        gatewayUrl: options.gatewayUrl,
        // Leave at least half of the wait for Tempo and Pyroscope.
        waitUntilMs: Date.now() + options.timeoutMs / 2,
        intervalMs: options.intervalMs,
        progress,
      });
      traceId = started.traceId;
      ride = { id: started.ride.id, status: started.ride.status, request: started.request };
    }

    const followed = await followTrace(
      {
        tempo,
        pyroscope: new PyroscopeClient(options.pyroscopeUrl),
        progress,
      },
      { traceId, deadlineMs, intervalMs: options.intervalMs },
    );
    if (followed === null) {
      throw new JumpError(
        ExitCode.traceNotFound,
        `trace ${traceId} not found in Tempo at ${options.tempoUrl} within ${options.timeoutMs / 1000}s`,
      );
    }

    const report = buildReport(followed, {
      traceId,
      profileTypeId: PROFILE_TYPE_ID,
      grafanaUrl: options.grafanaUrl,
      top: options.top,
      ride,
    });
    io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatText(report));

    if (report.services.length === 0) {
      progress(
        `trace ${traceId} has ${report.spanCount} spans but none carries ${PROFILE_ID_ATTRIBUTE}`,
      );
      return ExitCode.noProfiles;
    }
    if (profiledRootCount(report) === 0) {
      progress(
        `no local root span of trace ${traceId} has CPU samples in Pyroscope at ${options.pyroscopeUrl}`,
      );
      return ExitCode.noProfiles;
    }
    if (!report.complete)
      progress('timed out before every profile was ingested; the report is partial');
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof JumpError) {
      io.stderr(`trace-jump: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`trace-jump: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return ExitCode.unexpected;
  }
}

/** A ride is only worth creating when its trace can be read back: Tempo must answer first. */
async function tempoBeforeAnyRide(tempo: TempoClient): Promise<void> {
  try {
    await tempo.assertReachable();
  } catch (error) {
    if (!(error instanceof JumpError)) throw error;
    throw new JumpError(
      error.exitCode,
      `${error.message}; no ride created. trace-jump reads traces from Tempo: start one with ` +
        '`pnpm compose:up` (Docker) or point --tempo / TEMPO_URL at yours',
    );
  }
}
