import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { prepareDataDir } from './data-dir';
import { haproxyConfig } from './haproxy-config';
import { logTail } from './log-tail';
import { startManagedProcess } from './managed-process';
import { assertPortFree, findFreePort, LOOPBACK } from './ports';

const execFileAsync = promisify(execFile);

const HAPROXY_CANDIDATES = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'];
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export interface LoadBalancerOptions {
  /** Each service's instance ports on 127.0.0.1, and the port to reach it on (a free one when omitted). */
  services: Array<{ name: string; instancePorts: number[]; port?: number }>;
  /** Probed on every instance (default /health/ready): instances not ready get no new requests. */
  healthPath?: string;
  /** Milliseconds between probes of one instance (default 500). */
  checkIntervalMs?: number;
}

export interface RunningLoadBalancer {
  /** http://127.0.0.1:<port> per service name. */
  urls: Record<string, string>;
  /** Whether HAProxy sends new requests to instance `index` (0-based) of `service` now. */
  isServing(service: string, index: number): Promise<boolean>;
  /**
   * Resolves once HAProxy sends new requests to the instance (its probe passed), as a rolling
   * restart must wait for before it stops the next one; throws after `timeoutMs`.
   */
  waitUntilServing(service: string, index: number, timeoutMs?: number): Promise<void>;
  /** Stops HAProxy and removes its directory. */
  stop(): Promise<void>;
}

/** The HAProxy binary on PATH or where Debian installs it. */
export function findHaproxy(): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = [...dirs.map((dir) => path.join(dir, 'haproxy')), ...HAPROXY_CANDIDATES];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(
      'HAProxy not found: several instances of a service run behind it; install it (Debian: apt-get install haproxy)',
    );
  }
  return found;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** `show stat` of HAProxy's runtime API: each server's status (`UP`, `DOWN`, ...) by `backend/server`. */
async function serverStatuses(statsSocket: string): Promise<Map<string, string>> {
  const csv = await new Promise<string>((resolve, reject) => {
    let text = '';
    const socket = net.connect(statsSocket, () => socket.end('show stat\n'));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.once('end', () => resolve(text));
    socket.once('error', reject);
  });
  const [header = '', ...rows] = csv.split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const [proxy, server, status] = ['pxname', 'svname', 'status'].map((name) =>
    columns.indexOf(name),
  );
  const statuses = new Map<string, string>();
  for (const row of rows) {
    const fields = row.split(',');
    if (fields.length < columns.length) continue;
    // A server changing state reads e.g. `UP 1/2`: not serving yet (or any more) for certain.
    statuses.set(`${fields[proxy!]}/${fields[server!]}`, fields[status!]!);
  }
  return statuses;
}

/**
 * Starts HAProxy (from the distribution) in front of the instances of each service: round-robin,
 * health-checked, a failed connection resent to another instance. See haproxyConfig().
 */
export async function startLoadBalancer(
  options: LoadBalancerOptions,
): Promise<RunningLoadBalancer> {
  const haproxy = findHaproxy();
  const services = [];
  for (const service of options.services) {
    const port = service.port ?? (await findFreePort());
    if (service.port !== undefined) {
      await assertPortFree(port, `${service.name}'s load balancer`, 'stop what uses it');
    }
    services.push({ ...service, port });
  }
  const dir = prepareDataDir(undefined, 'haproxy');
  const configFile = path.join(dir.path, 'haproxy.cfg');
  const statsSocket = path.join(dir.path, 'haproxy.sock');
  const logFile = path.join(dir.path, 'haproxy.log');
  fs.writeFileSync(
    configFile,
    haproxyConfig({
      services,
      healthPath: options.healthPath ?? '/health/ready',
      checkIntervalMs: options.checkIntervalMs ?? 500,
      statsSocket,
    }),
  );
  await execFileAsync(haproxy, ['-c', '-q', '-f', configFile]);

  const child = startManagedProcess({
    command: haproxy,
    args: ['-db', '-f', configFile],
    cwd: dir.path,
    logFile,
    orphanSignal: 'SIGTERM',
  });
  const stop = async () => {
    await child.stop('SIGTERM', STOP_TIMEOUT_MS);
    dir.remove();
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (const service of services) {
    while (!(await accepts(service.port))) {
      if (!child.isRunning() || Date.now() > deadline) {
        const reason = child.isRunning() ? 'did not listen in time' : 'exited';
        const tail = logTail(logFile);
        await stop();
        throw new Error(`HAProxy ${reason}; ${tail}`);
      }
      await sleep(50);
    }
  }
  const isServing = async (service: string, index: number) =>
    (await serverStatuses(statsSocket)).get(`${service}-instances/${service}-${index + 1}`) ===
    'UP';
  return {
    urls: Object.fromEntries(
      services.map((service) => [service.name, `http://${LOOPBACK}:${service.port}`]),
    ),
    isServing,
    async waitUntilServing(service, index, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (!(await isServing(service, index))) {
        if (Date.now() > until) {
          throw new Error(`HAProxy did not take ${service} instance ${index + 1} back in time`);
        }
        await sleep(50);
      }
    },
    stop,
  };
}
