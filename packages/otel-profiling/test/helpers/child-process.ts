import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export const PACKAGE_DIR = join(__dirname, '..', '..');
export const FIXTURES_DIR = join(PACKAGE_DIR, 'test', 'fixtures');

export interface Child {
  /** Parsed JSON lines the child wrote on stdout so far. */
  stdout: Array<Record<string, unknown>>;
  stderr: () => string;
  /** Resolves with the first stdout JSON line matching `predicate`. */
  waitFor(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node [nodeArgs] <fixture>` with extra environment, collecting its output. */
export function runFixture(
  fixture: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Child {
  const child = spawn(process.execPath, [...nodeArgs, join(FIXTURES_DIR, fixture)], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Array<Record<string, unknown>> = [];
  let stderr = '';
  let pending = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        stdout.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        stdout.push({ text: line });
      }
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    stdout,
    stderr: () => stderr,
    async waitFor(predicate) {
      for (;;) {
        const found = stdout.find(predicate);
        if (found) return found;
        const woke = new Promise<void>((resolve) => waiters.push(resolve));
        const ended = exited.then(() => 'exited' as const);
        if ((await Promise.race([woke, ended])) === 'exited' && !stdout.some(predicate)) {
          throw new Error(`child exited before the expected output; stderr:\n${stderr}`);
        }
      }
    },
    kill: (signal) => child.kill(signal),
    exited,
  };
}
