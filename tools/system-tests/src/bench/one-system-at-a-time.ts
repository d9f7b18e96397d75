import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpReceiver } from '@rideshare/telemetry-receivers';
import { startSystem, type RunningSystem } from '@rideshare/system-harness';
import { systemOptions, type BenchConfig } from './bench-configs';

export type Log = (message: string) => void;

/**
 * Measures every configuration once per round on a whole system of its own (fresh Kafka,
 * PostgreSQL and the four services), started before and stopped after, so that nothing idle of
 * another configuration competes for the CPU. Each round runs the configurations in the opposite
 * order to the round before (A,B,C then C,B,A), so drift over time favours none. Telemetry goes to
 * a sink that reads and drops the bytes. Ctrl-C / SIGTERM stops the running system first.
 */
export async function oneSystemAtATime<R>(
  configs: BenchConfig[],
  rounds: number,
  measure: (system: RunningSystem, log: Log) => Promise<R>,
): Promise<Array<{ config: string; round: number; result: R }>> {
  const sink = await startHttpReceiver(() => ({ contentType: 'application/json', body: '{}' }));
  let running: RunningSystem | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(
      signal,
      () => void Promise.resolve(running?.stop()).finally(() => process.exit(130)),
    );
  }
  const results: Array<{ config: string; round: number; result: R }> = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? configs : [...configs].reverse();
      for (const config of order) {
        const log: Log = (message) =>
          console.error(
            `${new Date().toISOString().slice(11, 19)} [round ${round}/${rounds}] ${config.name}: ${message}`,
          );
        log('starting the system');
        running = await startSystem(systemOptions(config, sink.url));
        try {
          results.push({ config: config.name, round, result: await measure(running, log) });
        } finally {
          log('stopping the system');
          await running.stop();
          running = undefined;
        }
      }
    }
  } finally {
    await sink.close();
  }
  return results;
}

/** The results of `oneSystemAtATime`, per configuration name, in round order. */
export function resultsByConfig<R>(
  configs: BenchConfig[],
  runs: Array<{ config: string; result: R }>,
): Map<string, R[]> {
  return new Map(
    configs.map((config) => [
      config.name,
      runs.filter((run) => run.config === config.name).map((run) => run.result),
    ]),
  );
}

/**
 * `oneSystemAtATime` for benchmarks whose services write files (diagnostic reports, allocation
 * samples) to a directory: it is made first, handed to `configure` (to point each
 * configuration's services at it) and to `measure`, emptied after each system and removed at
 * the end. The results come per configuration name.
 */
export async function oneSystemAtATimeWithDir<R>(
  dirPrefix: string,
  configs: BenchConfig[],
  rounds: number,
  configure: (config: BenchConfig, dir: string) => BenchConfig,
  measure: (system: RunningSystem, dir: string, log: Log) => Promise<R>,
): Promise<Map<string, R[]>> {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  try {
    const runs = await oneSystemAtATime(
      configs.map((config) => configure(config, dir)),
      rounds,
      async (system, log) => {
        try {
          return await measure(system, dir, log);
        } finally {
          // Emptied for the next system, whose processes may get pids used before.
          for (const file of readdirSync(dir)) rmSync(join(dir, file), { force: true });
        }
      },
    );
    return resultsByConfig(configs, runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
