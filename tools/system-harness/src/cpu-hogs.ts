import { spawn, type ChildProcess } from 'node:child_process';

export interface CpuHogs {
  /** Stops every hog and waits until each has exited. */
  stop(): Promise<void>;
}

/**
 * `count` processes that each keep one core busy, like the other work of a busy machine or
 * cluster, so that a test proves its system holds when it is not alone. Each hog also exits by
 * itself after `maxMs`, so none outlives a test that never reached `stop()`.
 */
export function startCpuHogs(count: number, maxMs: number): CpuHogs {
  const script = `const end = Date.now() + ${Math.ceil(maxMs)}; while (Date.now() < end) {}`;
  const hogs: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', script], { stdio: 'ignore' }),
  );
  return {
    async stop() {
      await Promise.all(
        hogs.map(
          (hog) =>
            new Promise<void>((resolve) => {
              if (hog.exitCode !== null || hog.signalCode !== null) return resolve();
              hog.once('exit', () => resolve());
              hog.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
