import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { waitFor } from './wait-for';

export interface ServiceProcess {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM (SIGKILL after 30 s), then the exit code. */
  stop(): Promise<number | null>;
}

export interface StartServiceProcessOptions {
  /** The app's folder (holding `dist/main.js`), e.g. `path.resolve(__dirname, '..')`. */
  appDir: string;
  /** Added to the test's environment; an empty value unsets the variable. `PORT` is chosen free. */
  env?: Record<string, string>;
  /** Until `GET /health/ready` answers 200 (default 60 s). */
  readyTimeoutMs?: number;
}

/**
 * The built service exactly as `pnpm start` runs it (`node --require
 * @rideshare/otel-profiling/register dist/main.js`), so the real telemetry (kafkajs and http
 * instrumentation, W3C propagation) is active, on a free port. Resolves once it is ready; a
 * process that exits first rejects with its output. Needs `pnpm build` first (turbo's test task
 * does it).
 */
export async function startServiceProcess(
  options: StartServiceProcessOptions,
): Promise<ServiceProcess> {
  const { appDir, env = {} } = options;
  const main = path.join(appDir, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`pnpm build\` in ${appDir}`);
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port) };
  // An empty value means: unset it (e.g. no Pyroscope server, so no profiling).
  for (const [name, value] of Object.entries(env)) if (value === '') delete childEnv[name];
  const child = spawn(process.execPath, ['--require', '@rideshare/otel-profiling/register', main], {
    cwd: appDir,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`the service exited with ${child.exitCode}:\n${output}`);
        const response = await fetch(`${url}/health/ready`).catch(() => undefined);
        return response?.status === 200;
      },
      {
        description: 'the service process is ready',
        timeoutMs: options.readyTimeoutMs ?? 60_000,
        intervalMs: 250,
      },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, output: () => output, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    // 'close' (not 'exit'): stdout/stderr have ended too, so output() is complete.
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
