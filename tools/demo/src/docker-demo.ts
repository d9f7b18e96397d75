import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const COMPOSE_ARGS = (repoRoot: string) => [
  'compose',
  '-f',
  join(repoRoot, 'infra', 'docker-compose.yml'),
  '--profile',
  'demo',
];

/** True when a Docker engine answers (not just the client being installed). */
export function dockerEngineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], {
    stdio: 'ignore',
    timeout: 10_000,
  });
  return result.status === 0;
}

function compose(repoRoot: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('docker', [...COMPOSE_ARGS(repoRoot), ...args], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

/** docker compose up (infra + services + load generator), then down when `stop` fires. */
export async function runDockerDemo(
  repoRoot: string,
  replicas: number,
  stop: AbortSignal,
  say: (line: string) => void,
): Promise<number> {
  say(
    'Docker engine found: starting Kafka, PostgreSQL, Tempo, Pyroscope, Grafana, the four services and the load generator.',
  );
  const scale = ['api-gateway', 'ride-service', 'pricing-service', 'driver-service'].flatMap(
    (service) => ['--scale', `${service}=${replicas}`],
  );
  const up = await compose(repoRoot, ['up', '-d', '--build', '--wait', ...scale]);
  if (up !== 0) {
    say('docker compose up failed; see above. Cleaning up.');
    await compose(repoRoot, ['down']);
    return up;
  }
  say('');
  say(
    'Grafana:  http://127.0.0.1:3000/explore  (datasource Tempo: pick a trace, then a span with the profile link)',
  );
  say('Gateway:  http://127.0.0.1:8080/docs');
  say("Jump:     pnpm -s jump   (makes a ride and prints every service's span profile)");
  say('Ctrl-C stops and removes the containers.');
  await new Promise<void>((resolve) =>
    stop.addEventListener('abort', () => resolve(), { once: true }),
  );
  say('Stopping the containers...');
  return compose(repoRoot, ['down']);
}
