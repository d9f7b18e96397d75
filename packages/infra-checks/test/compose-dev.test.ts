import { describe, expect, it } from 'vitest';
import { environmentOf, loadCompose, publishedPorts, readComposeYaml, readEnvFile } from '../src';

const env = readEnvFile();
const main = loadCompose('docker-compose.yml', env);
const dev = loadCompose('docker-compose.dev.yml', env);

describe('infra/docker-compose.dev.yml (pnpm dev on the host)', () => {
  it('only adds published ports to services of the main file', () => {
    for (const [name, service] of Object.entries(dev.services)) {
      expect(main.services[name], name).toBeDefined();
      expect(Object.keys(service), name).toEqual(['ports']);
    }
    expect(Object.keys(readComposeYaml('docker-compose.dev.yml'))).toEqual(['services']);
  });

  it('publishes Kafka, PostgreSQL, Tempo (OTLP http/grpc + query) and Pyroscope on 127.0.0.1 at the .env ports', () => {
    const published = Object.entries(dev.services).flatMap(([name, service]) =>
      publishedPorts(service).map((port) => ({ name, ...port })),
    );
    expect(published).toEqual([
      {
        name: 'kafka',
        hostIp: '127.0.0.1',
        published: env.KAFKA_PORT,
        target: '9094',
        protocol: 'tcp',
      },
      {
        name: 'postgres',
        hostIp: '127.0.0.1',
        published: env.POSTGRES_PORT,
        target: '5432',
        protocol: 'tcp',
      },
      {
        name: 'tempo',
        hostIp: '127.0.0.1',
        published: env.TEMPO_OTLP_HTTP_PORT,
        target: '4318',
        protocol: 'tcp',
      },
      {
        name: 'tempo',
        hostIp: '127.0.0.1',
        published: env.TEMPO_OTLP_GRPC_PORT,
        target: '4317',
        protocol: 'tcp',
      },
      {
        name: 'tempo',
        hostIp: '127.0.0.1',
        published: env.TEMPO_HTTP_PORT,
        target: '3200',
        protocol: 'tcp',
      },
      {
        name: 'pyroscope',
        hostIp: '127.0.0.1',
        published: env.PYROSCOPE_PORT,
        target: '4040',
        protocol: 'tcp',
      },
    ]);
  });

  it("maps the host's Kafka port to the EXTERNAL listener, which advertises that same host address", () => {
    const kafka = environmentOf(main.services.kafka!);
    const [port] = publishedPorts(dev.services.kafka!);
    expect(kafka.KAFKA_LISTENERS).toContain(`EXTERNAL://:${port?.target}`);
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toContain(
      `EXTERNAL://${port?.hostIp}:${port?.published}`,
    );
  });

  it('lets host services use their defaults: 127.0.0.1:9092, :5432, :4318, :4040', () => {
    expect([
      env.KAFKA_PORT,
      env.POSTGRES_PORT,
      env.TEMPO_OTLP_HTTP_PORT,
      env.PYROSCOPE_PORT,
    ]).toEqual(['9092', '5432', '4318', '4040']);
  });
});
