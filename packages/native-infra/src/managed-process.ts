import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { onProcessExit } from './exit-cleanup';
import type { UnprivilegedUser } from './run-as';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  /** stdout and stderr are appended to this file (a file, not a pipe: a busy parent never blocks the child). */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  runAs?: UnprivilegedUser;
  /** Sent to the child when this process dies or exits without stopping it. */
  orphanSignal: NodeJS.Signals;
}

export interface ManagedProcess {
  readonly pid: number;
  readonly exited: Promise<ExitStatus>;
  isRunning(): boolean;
  /** Sends `signal`, then SIGKILL if the child is still there after `timeoutMs`. */
  stop(signal: NodeJS.Signals, timeoutMs: number): Promise<ExitStatus>;
}

const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];

function findSetpriv(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter);
  const candidates = [...dirs.map((dir) => path.join(dir, 'setpriv')), ...SETPRIV_CANDIDATES];
  return candidates.find((file) => fs.existsSync(file));
}

/**
 * The command line that runs `command` through util-linux `setpriv`: as `runAs` when given, and
 * with a parent-death signal, so the child cannot outlive this process even when this process is
 * killed with SIGKILL (process.on('exit') does not run then).
 */
export function wrapCommand(
  command: string,
  args: string[],
  orphanSignal: NodeJS.Signals,
  runAs?: UnprivilegedUser,
): { command: string; args: string[] } {
  const setpriv = findSetpriv();
  if (!setpriv) {
    if (runAs)
      throw new Error(
        `running as root needs util-linux "setpriv" to run as user ${runAs.name}; install util-linux`,
      );
    return { command, args };
  }
  const identity = runAs
    ? ['--reuid', String(runAs.uid), '--regid', String(runAs.gid), '--init-groups']
    : [];
  // setpriv sets the parent-death signal after switching user (switching clears it).
  const deathSignal = ['--pdeathsig', orphanSignal.replace(/^SIG/, '')];
  return { command: setpriv, args: [...identity, ...deathSignal, '--', command, ...args] };
}

export function startManagedProcess(options: ManagedProcessOptions): ManagedProcess {
  const wrapped = wrapCommand(options.command, options.args, options.orphanSignal, options.runAs);
  const log = fs.openSync(options.logFile, 'a');
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    // Its own process group: Ctrl-C in a terminal reaches only this process, which stops the
    // child in order (after the processes that use it); the parent-death signal and the exit hook
    // below still end it with this process.
    detached: true,
    stdio: ['ignore', log, log],
  };
  let child;
  try {
    child = spawn(wrapped.command, wrapped.args, spawnOptions);
  } finally {
    fs.closeSync(log);
  }

  let running = true;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('error', () => {
      running = false;
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  const cancelExitHook = onProcessExit(() => {
    if (running) child.kill(options.orphanSignal);
  });
  void exited.then(cancelExitHook);

  return {
    pid: child.pid ?? -1,
    exited,
    isRunning: () => running,
    async stop(signal, timeoutMs) {
      if (!running) return exited;
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const first = await Promise.race([exited, timedOut]);
      clearTimeout(timer);
      if (first === 'timeout') child.kill('SIGKILL');
      return exited;
    },
  };
}
