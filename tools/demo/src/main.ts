#!/usr/bin/env node
import { onStopSignals } from '@rideshare/load-generator';
import { findRepoRoot } from '@rideshare/native-infra';
import { exitUnlessSupportedRuntime } from '@rideshare/otel-profiling/runtime-requirement';
import { dockerEngineAnswers, runDockerDemo } from './docker-demo';
import { runNativeDemo } from './native-demo';
import { HELP, parseDemoOptions, UsageError } from './options';

const say = (line: string) => process.stdout.write(`${line}\n`);

function repoRoot(): string {
  const root = findRepoRoot(__dirname);
  if (!root) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
  return root;
}

async function main(): Promise<number> {
  exitUnlessSupportedRuntime('demo');
  let options;
  try {
    options = parseDemoOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`demo: ${error.message}\n\n${HELP}\n`);
    return 2;
  }
  if (options === undefined) {
    say(HELP);
    return 0;
  }

  // First Ctrl-C stops cleanly (a doubled one, terminal and pnpm, counts once); a later one
  // leaves at once.
  const stop = new AbortController();
  onStopSignals({
    first: () => {
      say('\nStopping (Ctrl-C again to quit at once)...');
      stop.abort();
    },
    again: () => process.exit(130),
  });

  const useDocker = options.mode === 'docker' || (options.mode === 'auto' && dockerEngineAnswers());
  if (options.mode === 'docker' && !dockerEngineAnswers()) {
    process.stderr.write(
      'demo: --docker given but no Docker engine answers (`docker info` failed)\n',
    );
    return 1;
  }
  if (useDocker) {
    // The compose stack's load generator runs until stopped.
    if (options.durationSeconds > 0)
      setTimeout(() => stop.abort(), options.durationSeconds * 1000).unref();
    return runDockerDemo(repoRoot(), options.replicas, stop.signal, say);
  }
  // Natively the load generator ends itself after --duration, counted from its start.
  return runNativeDemo(options, stop.signal, say);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
