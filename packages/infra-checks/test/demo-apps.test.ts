import { existsSync, readFileSync } from 'node:fs';
import { REGIONS } from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import {
  buildArgsOf,
  buildOf,
  dependsOn,
  environmentOf,
  loadCompose,
  readEnvFile,
  repoPath,
} from '../src';
import { AGREED_PORTS, DEMO_APP_DIRS, DEMO_APP_NAMES, DEMO_APPS, NETWORK_SERVICES } from './agreed';

const env = readEnvFile();
const services = loadCompose('docker-compose.yml', env).services;

describe('the demo profile: four services and the load generator', () => {
  it.each(DEMO_APP_NAMES)(
    '%s sets OTEL_SERVICE_NAME to its agreed name and exports to tempo and pyroscope',
    (name) => {
      const appEnv = environmentOf(services[name]!);
      expect(appEnv.OTEL_SERVICE_NAME).toBe(name);
      expect(appEnv.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(`http://tempo:${env.TEMPO_OTLP_HTTP_PORT}`);
      // The otel-profiling package speaks OTLP over HTTP only.
      expect(['http/protobuf', 'http/json']).toContain(appEnv.OTEL_EXPORTER_OTLP_PROTOCOL);
      expect(appEnv.PYROSCOPE_SERVER_ADDRESS).toBe(`http://pyroscope:${env.PYROSCOPE_PORT}`);
      // Pyroscope's service_name must equal service.name for the datasource tag mapping.
      expect(appEnv.PYROSCOPE_APPLICATION_NAME ?? name).toBe(name);
      expect(REGIONS).toContain(appEnv.REGION);
    },
  );

  it.each(DEMO_APP_NAMES)('%s is built from the app Dockerfile for its package', (name) => {
    const build = buildOf(services[name]!);
    expect(build).toMatchObject({ context: '..', dockerfile: 'infra/docker/app.Dockerfile' });
    expect(buildArgsOf(services[name]!)).toEqual({ APP: name, NODE_IMAGE: env.NODE_IMAGE });

    const packageJson = repoPath(DEMO_APP_DIRS[name], 'package.json');
    expect(existsSync(packageJson), `${packageJson} exists`).toBe(true);
    const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
      scripts?: Record<string, string>;
    };
    expect(manifest.name).toBe(`@rideshare/${name}`);
    // The image starts `node --require @rideshare/otel-profiling/register dist/main.js` in the app directory.
    expect(manifest.dependencies?.['@rideshare/otel-profiling']).toBe('workspace:*');
    expect(manifest.scripts?.build).toBeDefined();
    expect(
      existsSync(repoPath(DEMO_APP_DIRS[name], 'src', 'main.ts')),
      `${DEMO_APP_DIRS[name]}/src/main.ts`,
    ).toBe(true);
  });

  it.each(DEMO_APP_NAMES)(
    '%s is named by its package (the register entry names the service after it), not by its scripts',
    (name) => {
      const manifest = JSON.parse(
        readFileSync(repoPath(DEMO_APP_DIRS[name], 'package.json'), 'utf8'),
      ) as { name: string; scripts: Record<string, string> };
      expect(manifest.name).toBe(`@rideshare/${name}`);
      expect(manifest.scripts.start).toMatch(
        /^exec node --require @rideshare\/otel-profiling\/register /,
      );
      for (const script of Object.values(manifest.scripts)) {
        expect(script).not.toContain('OTEL_SERVICE_NAME');
      }
    },
  );

  it.each(NETWORK_SERVICES)(
    '%s declares the same name and port in its src/service.ts (its one identity)',
    (name) => {
      const definition = readFileSync(repoPath(DEMO_APP_DIRS[name], 'src', 'service.ts'), 'utf8');
      expect(definition).toContain(`name: '${name}',`);
      expect(definition).toContain(`defaultPort: ${AGREED_PORTS[DEMO_APPS[name]!]},`);
    },
  );

  it.each(NETWORK_SERVICES)(
    '%s listens on its agreed port and reaches postgres and kafka inside the network',
    (name) => {
      const appEnv = environmentOf(services[name]!);
      expect(appEnv.PORT).toBe(env[DEMO_APPS[name]!]);
      const database = new URL(appEnv.DATABASE_URL ?? '');
      expect([
        database.protocol,
        database.username,
        database.password,
        database.hostname,
        database.port,
        database.pathname,
      ]).toEqual(['postgres:', 'rideshare', 'rideshare', 'postgres', '5432', '/rideshare']);
      expect(appEnv.KAFKA_BROKERS).toBe(`kafka:${env.KAFKA_PORT}`);
      expect(dependsOn(services[name]!)).toMatchObject({
        postgres: 'service_healthy',
        kafka: 'service_healthy',
        tempo: 'service_healthy',
        pyroscope: 'service_healthy',
      });
    },
  );

  it('points the gateway and ride-service at the other services by name and agreed port', () => {
    const gateway = environmentOf(services['api-gateway']!);
    expect(gateway).toMatchObject({
      RIDE_SERVICE_URL: `http://ride-service:${env.RIDE_SERVICE_PORT}`,
      PRICING_SERVICE_URL: `http://pricing-service:${env.PRICING_SERVICE_PORT}`,
      DRIVER_SERVICE_URL: `http://driver-service:${env.DRIVER_SERVICE_PORT}`,
    });
    expect(dependsOn(services['api-gateway']!)).toMatchObject({
      'ride-service': 'service_healthy',
      'pricing-service': 'service_healthy',
      'driver-service': 'service_healthy',
    });
    // ride-service names it PRICING_URL (apps/ride-service/src/config.ts).
    expect(environmentOf(services['ride-service']!).PRICING_URL).toBe(
      `http://pricing-service:${env.PRICING_SERVICE_PORT}`,
    );
  });

  it('gives pricing-service a valid slow region for the demo hotspot', () => {
    expect(REGIONS).toContain(environmentOf(services['pricing-service']!).SLOW_REGION);
  });

  it('drives the gateway, through its load balancer, from the load generator once that is healthy', () => {
    const loadGenerator = services['load-generator']!;
    const loadEnv = environmentOf(loadGenerator);
    expect(loadEnv.GATEWAY_URL).toBe(`http://gateway-lb:${env.GATEWAY_PORT}`);
    expect(dependsOn(loadGenerator)).toMatchObject({ 'gateway-lb': 'service_healthy' });
    expect(loadGenerator.restart).toBe('no');
    // Its health check reads the heartbeat file the generator touches.
    expect(JSON.stringify(loadGenerator.healthcheck?.test)).toContain(
      loadEnv.LOADGEN_HEARTBEAT_FILE,
    );
  });

  it('checks the readiness endpoint of each network service', () => {
    for (const name of NETWORK_SERVICES) {
      expect(JSON.stringify(services[name]!.healthcheck?.test), name).toContain('/health/ready');
    }
  });
});
