import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { wrapCommand } from '@rideshare/native-infra';

export const SERVICE_NAMES = [
  'pricing-service',
  'driver-service',
  'ride-service',
  'api-gateway',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const requireHere = createRequire(__filename);

/** The app folder of a service, found through the workspace dependency. */
export function appDir(name: ServiceName): string {
  return dirname(requireHere.resolve(`@rideshare/${name}/package.json`));
}

export interface ServiceProcess {
  name: ServiceName;
  /** Its `service.instance.id`: `ride-service-1`, ... */
  instanceId: string;
  url: string;
  pid: number;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited(): Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs `node [--require @rideshare/otel-profiling/register] dist/main.js` in the app folder,
 * as the services' `start` script does.
 */
export function spawnService(
  name: ServiceName,
  instanceId: string,
  port: number,
  env: Record<string, string>,
  withTelemetry: boolean,
): ServiceProcess {
  const cwd = appDir(name);
  const args = withTelemetry
    ? ['--require', '@rideshare/otel-profiling/register', join('dist', 'main.js')]
    : [join('dist', 'main.js')];
  // With a parent-death signal: services never outlive a killed test run, demo or benchmark.
  const command = wrapCommand(process.execPath, args, 'SIGTERM');
  const child: ChildProcess = spawn(command.command, command.args, {
    // Its own process group: a terminal's Ctrl-C reaches only the parent, which stops the load
    // first and then the services, not all at once.
    detached: true,
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString('utf8'));
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    instanceId,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    output: () => lines.join(''),
    exited: () => exit,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Polls `GET /health/ready` until 200, the process exits, or the deadline passes. */
export async function waitUntilReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void service.exited().then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `${service.name} exited (${exitCode}) before it was ready:\n${service.output().slice(-4000)}`,
      );
    }
    try {
      const response = await fetch(`${service.url}/health/ready`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${service.name} was not ready within ${timeoutMs} ms:\n${service.output().slice(-4000)}`,
  );
}
