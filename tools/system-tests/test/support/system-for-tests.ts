import { availableParallelism } from 'node:os';
import {
  startCpuHogs,
  startSystem,
  type CpuHogs,
  type RunningSystem,
  type SystemOptions,
} from '@rideshare/system-harness';
import { afterAll, beforeAll } from 'vitest';

export interface SystemForTests {
  /** The running system (from the first test on). */
  readonly system: RunningSystem;
  /** One busy loop per core for up to `maxMs`, stopped after the tests at the latest. */
  saturateCpus(maxMs: number): CpuHogs;
}

/** The whole system for the tests of one file or `describe`: started before them, stopped after. */
export function systemForTests(options: SystemOptions): SystemForTests {
  let system: RunningSystem | undefined;
  let hogs: CpuHogs | undefined;
  beforeAll(async () => {
    system = await startSystem(options);
  });
  afterAll(async () => {
    await hogs?.stop();
    await system?.stop();
  });
  return {
    get system() {
      if (!system) throw new Error('the system is not started yet');
      return system;
    },
    saturateCpus(maxMs) {
      hogs = startCpuHogs(availableParallelism(), maxMs);
      return hogs;
    },
  };
}
