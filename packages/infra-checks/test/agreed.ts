/**
 * The facts every package agreed on (ports, service names). infra/.env must
 * carry exactly these, so that `pnpm dev` on the host and the containers agree.
 */
export const AGREED_PORTS = {
  GATEWAY_PORT: 8080,
  RIDE_SERVICE_PORT: 8081,
  PRICING_SERVICE_PORT: 8082,
  DRIVER_SERVICE_PORT: 8083,
  KAFKA_PORT: 9092,
  POSTGRES_PORT: 5432,
  TEMPO_OTLP_HTTP_PORT: 4318,
  TEMPO_HTTP_PORT: 3200,
  PYROSCOPE_PORT: 4040,
  GRAFANA_PORT: 3000,
} as const;

export const INFRA_SERVICES = ['kafka', 'postgres', 'tempo', 'pyroscope', 'grafana'] as const;

/**
 * Profile `demo` services that are not apps: the job that creates the Kafka topics before the
 * services start, and the load balancer in front of the api-gateway containers.
 */
export const DEMO_SUPPORT_SERVICES = ['kafka-topics', 'gateway-lb'] as const;
/** One-shot jobs: they exit 0 when done, and their dependents wait for that instead of health. */
export const ONE_SHOT_SERVICES: readonly string[] = ['kafka-topics'];

/** Compose service name = package directory name = OTEL_SERVICE_NAME, with the .env variable of its port. */
export const DEMO_APPS = {
  'api-gateway': 'GATEWAY_PORT',
  'ride-service': 'RIDE_SERVICE_PORT',
  'pricing-service': 'PRICING_SERVICE_PORT',
  'driver-service': 'DRIVER_SERVICE_PORT',
  'load-generator': undefined,
} as const;

export type DemoApp = keyof typeof DEMO_APPS;

/** Where each demo app lives: the services in apps/, the load generator among the tools. */
export const DEMO_APP_DIRS: Record<DemoApp, string> = {
  'api-gateway': 'apps/api-gateway',
  'ride-service': 'apps/ride-service',
  'pricing-service': 'apps/pricing-service',
  'driver-service': 'apps/driver-service',
  'load-generator': 'tools/load-generator',
};
export const DEMO_APP_NAMES = Object.keys(DEMO_APPS) as DemoApp[];
export const NETWORK_SERVICES = DEMO_APP_NAMES.filter((name) => DEMO_APPS[name] !== undefined);

/** Pinned image reference: a name and a tag with a version number in it, never `latest`. */
export const PINNED_IMAGE = /^[a-z0-9][a-z0-9._/-]*:(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const HAS_VERSION = /:[^:]*\d/;
