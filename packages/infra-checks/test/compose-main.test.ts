import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildArgsOf,
  buildOf,
  dependsOn,
  environmentOf,
  healthcheckTest,
  infraPath,
  loadCompose,
  memoryLimitBytes,
  publishedPorts,
  readEnvFile,
} from '../src';
import {
  DEMO_APP_NAMES,
  DEMO_SUPPORT_SERVICES,
  HAS_VERSION,
  INFRA_SERVICES,
  ONE_SHOT_SERVICES,
  PINNED_IMAGE,
} from './agreed';

const env = readEnvFile();
const compose = loadCompose('docker-compose.yml', env);
const services = compose.services;

describe('infra/docker-compose.yml', () => {
  it('uses only variables that infra/.env sets', () => {
    // loadCompose throws for any ${VAR} without a value.
    expect(() => loadCompose('docker-compose.yml', env)).not.toThrow();
    expect(() => loadCompose('docker-compose.yml', {})).toThrow(
      /variables used but not set: .*GRAFANA_PORT/,
    );
  });

  it('defines the infrastructure, plus the four services, the load generator, the topic job and the gateway load balancer in profile `demo`', () => {
    expect(Object.keys(services).sort()).toEqual(
      [...INFRA_SERVICES, ...DEMO_APP_NAMES, ...DEMO_SUPPORT_SERVICES].sort(),
    );
    for (const name of INFRA_SERVICES) expect(services[name]?.profiles, name).toBeUndefined();
    for (const name of [...DEMO_APP_NAMES, ...DEMO_SUPPORT_SERVICES]) {
      expect(services[name]?.profiles, name).toEqual(['demo']);
    }
  });

  it('gives every service a memory limit, and every long-running one a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      const limit = memoryLimitBytes(service);
      expect(limit, `${name} memory limit`).toBeGreaterThanOrEqual(64 * 1024 ** 2);
      expect(limit!, name).toBeLessThanOrEqual(2 * 1024 ** 3);
      if (ONE_SHOT_SERVICES.includes(name)) {
        expect(service.restart, name).toBe('no');
        continue;
      }
      const test = healthcheckTest(service);
      expect(test, `${name} health check`).toBeDefined();
      expect(['CMD', 'CMD-SHELL'], name).toContain(test?.[0]);
      expect(test!.length, name).toBeGreaterThan(1);
    }
  });

  it('publishes only Grafana and the gateway load balancer, on 127.0.0.1, at their .env ports', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      publishedPorts(service).map((port) => ({ name, ...port })),
    );
    expect(published).toEqual([
      {
        name: 'grafana',
        hostIp: '127.0.0.1',
        published: env.GRAFANA_PORT,
        target: '3000',
        protocol: 'tcp',
      },
      {
        name: 'gateway-lb',
        hostIp: '127.0.0.1',
        published: env.GATEWAY_PORT,
        target: env.GATEWAY_PORT,
        protocol: 'tcp',
      },
    ]);
    expect(env.GRAFANA_PORT).toBe('3000');
    expect(env.GATEWAY_PORT).toBe('8080');
  });

  it('waits for dependencies to be healthy (one-shot jobs: done), and every dependency has a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependsOn(service))) {
        expect(services[dependency], `${name} -> ${dependency}`).toBeDefined();
        if (ONE_SHOT_SERVICES.includes(dependency)) {
          expect(condition, `${name} -> ${dependency}`).toBe('service_completed_successfully');
          continue;
        }
        expect(condition, `${name} -> ${dependency}`).toBe('service_healthy');
        expect(healthcheckTest(services[dependency]!), dependency).toBeDefined();
      }
    }
  });

  it('pins every image (no `latest`, nothing unversioned)', () => {
    const text = readFileSync(infraPath('docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/:latest\b/);
    const images = [
      ...Object.values(services).flatMap((service) => (service.image ? [service.image] : [])),
      ...Object.values(services).flatMap((service) =>
        Object.entries(buildArgsOf(service))
          .filter(([arg]) => arg.endsWith('_IMAGE'))
          .map(([, image]) => image),
      ),
    ];
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const image of images) {
      expect(image).toMatch(PINNED_IMAGE);
      expect(image).toMatch(HAS_VERSION);
    }
  });

  it('runs Kafka as a single KRaft node with an internal and an (unpublished) host listener', () => {
    const kafka = environmentOf(services.kafka!);
    expect(services.kafka!.image).toBe(env.KAFKA_IMAGE);
    expect(kafka.KAFKA_PROCESS_ROLES?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${kafka.KAFKA_NODE_ID}@kafka:9093`);
    expect(kafka.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const listeners = Object.fromEntries(
      (kafka.KAFKA_LISTENERS ?? '').split(',').map((listener) => {
        const [name = '', port = ''] = listener.split(/:\/\/.*?:/);
        return [name, port];
      }),
    );
    const advertised = Object.fromEntries(
      (kafka.KAFKA_ADVERTISED_LISTENERS ?? '').split(',').map((listener) => listener.split('://')),
    );
    const protocols = Object.fromEntries(
      (kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP ?? '').split(',').map((pair) => pair.split(':')),
    );
    expect(listeners).toEqual({ INTERNAL: env.KAFKA_PORT, EXTERNAL: '9094', CONTROLLER: '9093' });
    expect(advertised).toEqual({
      INTERNAL: `kafka:${env.KAFKA_PORT}`,
      EXTERNAL: `127.0.0.1:${env.KAFKA_PORT}`,
    });
    for (const name of Object.keys(listeners)) expect(protocols[name], name).toBe('PLAINTEXT');
    expect(kafka.KAFKA_CONTROLLER_LISTENER_NAMES).toBe('CONTROLLER');
    expect(kafka.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('INTERNAL');
    expect(kafka.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(kafka.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
    expect(kafka.KAFKA_LOG_DIRS).toMatch(/^\/tmp\//);
    expect(services.kafka!.hostname).toBe('kafka');
  });

  it('creates the rideshare database, user and password in PostgreSQL', () => {
    expect(services.postgres!.image).toBe(env.POSTGRES_IMAGE);
    expect(environmentOf(services.postgres!)).toMatchObject({
      POSTGRES_DB: 'rideshare',
      POSTGRES_USER: 'rideshare',
      POSTGRES_PASSWORD: 'rideshare',
    });
    expect(healthcheckTest(services.postgres!)).toEqual([
      'CMD',
      'pg_isready',
      '-h',
      '127.0.0.1',
      '-U',
      'rideshare',
      '-d',
      'rideshare',
    ]);
  });

  it('builds Tempo from the pinned image, with its config file mounted where the command reads it', () => {
    const tempo = services.tempo!;
    expect(buildOf(tempo)?.context).toBe('./tempo');
    expect(buildArgsOf(tempo)).toEqual({
      TEMPO_IMAGE: env.TEMPO_IMAGE,
      BUSYBOX_IMAGE: env.BUSYBOX_IMAGE,
    });
    expect(tempo.command).toEqual(['-config.file=/etc/tempo/tempo.yaml']);
    expect(tempo.volumes).toContain('./tempo/tempo.yaml:/etc/tempo/tempo.yaml:ro');
    expect(healthcheckTest(tempo)?.at(-1)).toBe(`http://127.0.0.1:${env.TEMPO_HTTP_PORT}/ready`);
  });

  it('probes Pyroscope with the profilecli its image ships', () => {
    expect(services.pyroscope!.image).toBe(env.PYROSCOPE_IMAGE);
    expect(healthcheckTest(services.pyroscope!)).toEqual([
      'CMD',
      '/usr/bin/profilecli',
      'ready',
      '--url',
      `http://127.0.0.1:${env.PYROSCOPE_PORT}`,
    ]);
  });

  it('provisions Grafana with anonymous Admin for the local demo and no feature toggles (trace-to-profile is built in)', () => {
    const grafana = services.grafana!;
    const grafanaEnv = environmentOf(grafana);
    expect(grafana.image).toBe(env.GRAFANA_IMAGE);
    expect(grafanaEnv).not.toHaveProperty('GF_FEATURE_TOGGLES_ENABLE');
    expect(grafanaEnv).toMatchObject({
      GF_AUTH_ANONYMOUS_ENABLED: 'true',
      GF_AUTH_ANONYMOUS_ORG_ROLE: 'Admin',
      GF_AUTH_DISABLE_LOGIN_FORM: 'true',
    });
    expect(grafana.volumes).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
    expect(dependsOn(grafana)).toEqual({ tempo: 'service_healthy', pyroscope: 'service_healthy' });
  });
});
