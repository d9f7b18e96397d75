import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { waitFor } from '@rideshare/service-kit/testing';

const APP_DIR = path.resolve(__dirname, '..', '..');

export interface ServiceProcess {
  url: string;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * The built service exactly as `pnpm start` runs it (`node --require
 * @rideshare/otel-profiling/register dist/main.js`), so the real telemetry (kafkajs and http
 * instrumentation, W3C propagation) is active. Needs `pnpm build` first (turbo's test task does it).
 */
/** An empty value in `env` unsets that variable. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const main = path.join(APP_DIR, 'dist', 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run \`pnpm build\` in apps/pricing-service first`);
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port) };
  // An empty value means: unset it (e.g. no Pyroscope server, so no profiling).
  for (const [name, value] of Object.entries(env)) if (value === '') delete childEnv[name];
  const child = spawn(process.execPath, ['--require', '@rideshare/otel-profiling/register', main], {
    cwd: APP_DIR,
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
      { description: 'the service process is ready', timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, output: () => output, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', (code) => {
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

/** A sink that accepts OTLP/HTTP posts, so the service's exporter has somewhere to send spans. */
export async function startOtlpSink(): Promise<{
  url: string;
  requests(): number;
  close(): Promise<void>;
}> {
  let count = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      count++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
