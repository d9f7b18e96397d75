import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argDefaults, infraPath, parseDockerfile, readEnvFile } from '../src';
import { AGREED_PORTS, HAS_VERSION, PINNED_IMAGE } from './agreed';

const env = readEnvFile();

describe('infra/.env, the single source of ports and image versions', () => {
  it('carries the agreed port of every component', () => {
    for (const [name, port] of Object.entries(AGREED_PORTS)) {
      expect(env[name], name).toBe(String(port));
    }
  });

  it('pins every image to a versioned tag', () => {
    const images = Object.entries(env).filter(([name]) => name.endsWith('_IMAGE'));
    expect(images.map(([name]) => name).sort()).toEqual(
      [
        'BUSYBOX_IMAGE',
        'GRAFANA_IMAGE',
        'HAPROXY_IMAGE',
        'KAFKA_IMAGE',
        'NODE_IMAGE',
        'POSTGRES_IMAGE',
        'PYROSCOPE_IMAGE',
        'TEMPO_IMAGE',
      ].sort(),
    );
    for (const [name, image] of images) {
      expect(image, name).toMatch(PINNED_IMAGE);
      expect(image, name).toMatch(HAS_VERSION);
    }
  });

  it('uses the agreed major versions', () => {
    expect(env.KAFKA_IMAGE).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
    expect(env.POSTGRES_IMAGE).toMatch(/^postgres:18\b/);
    expect(env.TEMPO_IMAGE).toMatch(/^grafana\/tempo:3\.\d+\.\d+$/);
    expect(env.PYROSCOPE_IMAGE).toMatch(/^grafana\/pyroscope:2\.\d+\.\d+$/);
    expect(env.GRAFANA_IMAGE).toMatch(/^grafana\/grafana:13\.\d+\.\d+$/);
    expect(env.NODE_IMAGE).toBe('node:24-bookworm-slim');
  });

  it('has no variable that no compose file uses', () => {
    const composeText = ['docker-compose.yml', 'docker-compose.dev.yml']
      .map((file) => readFileSync(infraPath(file), 'utf8'))
      .join('\n');
    for (const name of Object.keys(env)) {
      expect(composeText, `${name} is unused`).toMatch(
        new RegExp(`\\$\\{${name}(?:[:?+-][^}]*)?\\}`),
      );
    }
  });

  it('runs the Kafka version of the native broker (infra/native/kafka/pom.xml)', () => {
    const pom = readFileSync(infraPath('native', 'kafka', 'pom.xml'), 'utf8');
    const nativeVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
    expect(env.KAFKA_IMAGE).toBe(`apache/kafka:${nativeVersion}`);
  });

  it("matches the app Dockerfile's default base image", () => {
    const defaults = argDefaults(
      parseDockerfile(readFileSync(infraPath('docker', 'app.Dockerfile'), 'utf8')),
    );
    expect(defaults.NODE_IMAGE).toBe(env.NODE_IMAGE);
  });
});
