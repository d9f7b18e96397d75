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
import { findFreePort, LOOPBACK } from './ports';

const execFileAsync = promisify(execFile);

const HAPROXY_CANDIDATES = ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'];
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export interface LoadBalancerOptions {
  /** Each service's instance ports on 127.0.0.1; the load balancer gets a free port per service. */
  services: Array<{ name: string; instancePorts: number[] }>;
  /** Probed on every instance (default /health/ready): instances not ready get no new requests. */
  healthPath?: string;
  /** Milliseconds between probes of one instance (default 500). */
  checkIntervalMs?: number;
}

export interface RunningLoadBalancer {
  /** http://127.0.0.1:<port> per service name. */
  urls: Record<string, string>;
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

/**
 * Starts HAProxy (from the distribution) in front of the instances of each service: round-robin,
 * health-checked, a failed connection resent to another instance. See haproxyConfig().
 */
export async function startLoadBalancer(
  options: LoadBalancerOptions,
): Promise<RunningLoadBalancer> {
  const haproxy = findHaproxy();
  const services = [];
  for (const service of options.services) services.push({ ...service, port: await findFreePort() });
  const dir = prepareDataDir(undefined, 'haproxy');
  const configFile = path.join(dir.path, 'haproxy.cfg');
  const logFile = path.join(dir.path, 'haproxy.log');
  fs.writeFileSync(
    configFile,
    haproxyConfig({
      services,
      healthPath: options.healthPath ?? '/health/ready',
      checkIntervalMs: options.checkIntervalMs ?? 500,
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
  return {
    urls: Object.fromEntries(
      services.map((service) => [service.name, `http://${LOOPBACK}:${service.port}`]),
    ),
    stop,
  };
}
