import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { ALL_TOPICS } from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import { dependsOn, environmentOf, infraPath, loadCompose, readEnvFile } from '../src';
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
