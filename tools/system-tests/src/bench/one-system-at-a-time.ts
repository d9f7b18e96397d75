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
