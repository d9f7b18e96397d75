import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_TOPICS } from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependsOn, environmentOf, infraPath, loadCompose, readEnvFile, toolEnv } from '../src';
import { NETWORK_SERVICES } from './agreed';

// `docker compose up --scale <service>=N` (no Docker engine here: these read the files).
const env = readEnvFile();
const compose = loadCompose('docker-compose.yml', env);
const services = compose.services;
const haproxyConfig = readFileSync(infraPath('haproxy', 'haproxy.cfg'), 'utf8');
/** Debian's haproxy package (.ci/run installs it) checks the load balancer's config. */
const HAPROXY = '/usr/sbin/haproxy';

describe('scaling the four services with docker compose --scale', () => {
  it.each(NETWORK_SERVICES)(
    '%s has no fixed container name, hostname, host port or volume',
    (name) => {
      const service = services[name]!;
      expect(service.container_name).toBeUndefined();
      expect(service.hostname).toBeUndefined();
      expect(service.ports).toBeUndefined();
      expect(service.volumes).toBeUndefined();
    },
  );

  it.each(NETWORK_SERVICES)('%s starts after the topics exist with their partitions', (name) => {
    expect(dependsOn(services[name]!)).toMatchObject({
      'kafka-topics': 'service_completed_successfully',
    });
  });

  it('creates every topic with KAFKA_TOPIC_PARTITIONS partitions before the services start', () => {
    const job = services['kafka-topics']!;
    expect(job.image).toBe(env.KAFKA_IMAGE);
    expect(dependsOn(job)).toEqual({ kafka: 'service_healthy' });
    const script = ([] as string[]).concat(job.command ?? []).join('\n');
    const topics = /for topic in ([^;]+);/.exec(script)?.[1]?.trim().split(/\s+/);
    expect(topics?.sort()).toEqual([...ALL_TOPICS].sort());
    expect(script).toContain(`--partitions ${env.KAFKA_TOPIC_PARTITIONS} `);
    expect(script).toContain('--if-not-exists');
    expect(script).toContain(`--bootstrap-server kafka:${env.KAFKA_PORT}`);
    // Enough for 3 instances of each consumer service, the scale the docs show.
    expect(Number(env.KAFKA_TOPIC_PARTITIONS)).toBeGreaterThanOrEqual(3);
    expect(environmentOf(services.kafka!).KAFKA_NUM_PARTITIONS).toBe(env.KAFKA_TOPIC_PARTITIONS);
  });

  it('publishes the gateway port only on the load balancer, which sends to every gateway container', () => {
    const lb = services['gateway-lb']!;
    expect(lb.image).toBe(env.HAPROXY_IMAGE);
    expect(lb.volumes).toContain('./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro');
    expect(environmentOf(lb).GATEWAY_PORT).toBe(env.GATEWAY_PORT);
    expect(dependsOn(lb)).toEqual({ 'api-gateway': 'service_healthy' });
    expect(JSON.stringify(lb.healthcheck?.test)).toContain('http://127.0.0.1:8404/lb-health');
    // Docker's DNS answers the service name with every container; HAProxy re-resolves it.
    expect(haproxyConfig).toMatch(/nameserver \S+ 127\.0\.0\.11:53/);
    expect(haproxyConfig).toMatch(/server-template gateway \d+ "api-gateway:\$\{GATEWAY_PORT\}"/);
    expect(haproxyConfig).toMatch(/resolvers docker init-addr none/);
    expect(haproxyConfig).toContain('option httpchk GET /health/ready');
    expect(haproxyConfig).toContain('bind ":${GATEWAY_PORT}"');
    expect(haproxyConfig).toContain('monitor-uri /lb-health');
  });

  it('has room in the load balancer for as many gateways as the topics allow consumers', () => {
    const slots = Number(/server-template gateway (\d+) /.exec(haproxyConfig)?.[1]);
    expect(slots).toBeGreaterThanOrEqual(Number(env.KAFKA_TOPIC_PARTITIONS));
  });

  it('has a load balancer config that HAProxy accepts', () => {
    expect(existsSync(HAPROXY), `${HAPROXY} (apt-get install haproxy; .ci/run does)`).toBe(true);
    const output = execFileSync(HAPROXY, ['-c', '-f', infraPath('haproxy', 'haproxy.cfg')], {
      encoding: 'utf8',
      env: { ...process.env, GATEWAY_PORT: env.GATEWAY_PORT },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toMatch(/Configuration file is valid/);
  });
});

/**
 * infra/compose-check: the Compose loader docker compose itself uses (compose-go: the Compose
 * Specification schema, .env interpolation, profiles), plus `--scale` and the checks that would
 * stop N containers of one service from starting side by side. Built with the machine's Go.
 */
describe('docker compose --scale, through the Compose loader (infra/compose-check)', () => {
  let dir: string;
  let tool: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rideshare-compose-check-'));
    tool = join(dir, 'compose-check');
    execFileSync('go', ['build', '-o', tool, '.'], {
      cwd: infraPath('compose-check'),
      stdio: ['ignore', 'inherit', 'inherit'],
      env: toolEnv(),
    });
  }, 900_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function check(...args: string[]) {
    const result = spawnSync(tool, args, { encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('loads the demo with every service scaled, only gateway-lb publishing the gateway port', () => {
    const scales = {
      'api-gateway': 2,
      'ride-service': 3,
      'pricing-service': 3,
      'driver-service': 3,
    };
    const result = check(
      '--profile',
      'demo',
      ...Object.entries(scales).flatMap(([name, count]) => ['--scale', `${name}=${count}`]),
      infraPath('docker-compose.yml'),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const project = JSON.parse(result.stdout) as {
      services: Record<string, { scale?: number; ports?: Array<{ published?: string }> }>;
    };
    for (const [name, count] of Object.entries(scales)) {
      expect(project.services[name]?.scale, name).toBe(count);
    }
    const publishing = Object.entries(project.services)
      .filter(([, service]) => (service.ports ?? []).some((port) => port.published))
      .map(([name]) => name)
      .sort();
    expect(publishing).toEqual(['gateway-lb', 'grafana']);
  });

  it('loads the infrastructure with the dev override', () => {
    const result = check(infraPath('docker-compose.yml'), infraPath('docker-compose.dev.yml'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('rejects scaling a service with a fixed host port, a fixed container name, or an unknown key', () => {
    const lb = check(
      '--profile',
      'demo',
      '--scale',
      'gateway-lb=2',
      infraPath('docker-compose.yml'),
    );
    expect(lb.status).toBe(1);
    expect(lb.stderr).toContain(`gateway-lb: scale 2 with host port ${env.GATEWAY_PORT}`);

    const fixture = join(dir, 'compose.yml');
    writeFileSync(fixture, 'services:\n  web:\n    image: web:1\n    container_name: web\n');
    const named = check('--scale', 'web=2', fixture);
    expect(named.status).toBe(1);
    expect(named.stderr).toContain('web: scale 2 with container_name "web"');

    writeFileSync(fixture, 'services:\n  web:\n    image: web:1\n    replica: 2\n');
    const unknown = check(fixture);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('services.web.replica');
  });
});
