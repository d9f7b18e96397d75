import {
  findFreePort,
  startKafka,
  startLoadBalancer,
  startPostgres,
  type RunningKafka,
  type RunningLoadBalancer,
  type RunningPostgres,
} from '@rideshare/native-infra';
import {
  startOtlpReceiver,
  startPyroscopeReceiver,
  type OtlpReceiver,
  type PyroscopeReceiver,
} from '@rideshare/telemetry-receivers';

import {
  SERVICE_NAMES,
  spawnService,
  waitUntilReady,
  type ServiceName,
  type ServiceProcess,
} from './service-process';

export interface SystemOptions {
  /** Load `@rideshare/otel-profiling/register` into every service, pointed at in-test receivers. */
  telemetry: boolean;
  /**
   * Instances of every service (default 1). With more than one, each service is reached through
   * HAProxy (round-robin, health-checked), and each instance has its own `service.instance.id`
   * (`ride-service-2`, ...).
   */
  replicas?: number;
  /** Extra environment for every service (applied before `env`). */
  sharedEnv?: Record<string, string>;
  /** Extra environment per service (e.g. DRIVERS_PER_REGION_VEHICLE). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Fixed ports to reach each service on (its load balancer with replicas); free ones when omitted. */
  ports?: Partial<Record<ServiceName | 'postgres' | 'kafka', number>>;
}

export interface RunningSystem {
  gatewayUrl: string;
  /** Where the other services and the load reach each service (its load balancer with replicas). */
  urls: Record<ServiceName, string>;
  postgres: RunningPostgres;
  kafka: RunningKafka;
  /** Present when telemetry is on. */
  otlp: OtlpReceiver | undefined;
  pyroscope: PyroscopeReceiver | undefined;
  /** The first instance of each service. */
  services: Record<ServiceName, ServiceProcess>;
  /** Every instance of each service. */
  instances: Record<ServiceName, ServiceProcess[]>;
  /**
   * Stops every instance of a service with `signal` and starts it again on the same port, one
   * instance after the other (each ready again before the next stops).
   */
  restartService(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /** Stops one instance with `signal` and starts it again on the same port. */
  restartInstance(name: ServiceName, index: number, signal?: NodeJS.Signals): Promise<void>;
  /**
   * SIGTERM to every service (SIGKILL after 15 s), which flushes their last spans and profiles
   * into the receivers; resolves with their exit codes. Kafka, PostgreSQL and receivers stay up.
   */
  stopServices(): Promise<Array<number | null>>;
  /** SIGTERM to every service, then stops Kafka and PostgreSQL and removes their data. */
  stop(): Promise<void>;
}

/**
 * The whole system on 127.0.0.1: a fresh native PostgreSQL and Kafka, the services as child
 * processes (as `pnpm start` runs them; behind HAProxy with replicas) and, with telemetry, an
 * OTLP and a Pyroscope receiver that decode what the services send.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new Error(`replicas must be a whole number of at least 1 (got ${replicas})`);
  }
  const [postgres, kafka, otlp, pyroscope] = await Promise.all([
    startPostgres({ port: options.ports?.postgres }),
    startKafka({ port: options.ports?.kafka }),
    options.telemetry ? startOtlpReceiver() : undefined,
    options.telemetry ? startPyroscopeReceiver() : undefined,
  ]);
  const instancePorts = {} as Record<ServiceName, number[]>;
  for (const name of SERVICE_NAMES) {
    instancePorts[name] =
      replicas === 1 && options.ports?.[name] !== undefined
        ? [options.ports[name]]
        : await Promise.all(Array.from({ length: replicas }, () => findFreePort()));
  }
  let balancer: RunningLoadBalancer | undefined;
  const urls = {} as Record<ServiceName, string>;
  try {
    if (replicas > 1) {
      balancer = await startLoadBalancer({
        services: SERVICE_NAMES.map((name) => ({
          name,
          instancePorts: instancePorts[name],
          port: options.ports?.[name],
        })),
      });
    }
    for (const name of SERVICE_NAMES) {
      urls[name] = balancer?.urls[name] ?? `http://127.0.0.1:${instancePorts[name][0]}`;
    }
  } catch (error) {
    await Promise.all([kafka.destroy(), postgres.stop(), otlp?.close(), pyroscope?.close()]);
    throw error;
  }

  const envFor = (name: ServiceName, index: number): Record<string, string> => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.url,
    KAFKA_BROKERS: kafka.brokers,
    RIDE_SERVICE_URL: urls['ride-service'],
    PRICING_SERVICE_URL: urls['pricing-service'],
    PRICING_URL: urls['pricing-service'],
    DRIVER_SERVICE_URL: urls['driver-service'],
    OTEL_RESOURCE_ATTRIBUTES: `service.instance.id=${name}-${index + 1}`,
    ...(otlp && pyroscope
      ? {
          OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_BSP_SCHEDULE_DELAY: '200',
          PYROSCOPE_SERVER_ADDRESS: pyroscope.url,
          PYROSCOPE_UPLOAD_INTERVAL: '1s',
        }
      : { OTEL_SDK_DISABLED: 'true' }),
    ...options.sharedEnv,
    ...options.env?.[name],
  });

  const instances = {} as Record<ServiceName, ServiceProcess[]>;
  for (const name of SERVICE_NAMES) instances[name] = [];
  const launch = async (name: ServiceName, index: number) => {
    const instance = spawnService(
      name,
      `${name}-${index + 1}`,
      instancePorts[name][index]!,
      envFor(name, index),
      options.telemetry,
    );
    instances[name][index] = instance;
    await waitUntilReady(instance);
  };
  const launchAll = (name: ServiceName) =>
    Promise.all(instancePorts[name].map((_, index) => launch(name, index)));
  const restartInstance = async (name: ServiceName, index: number, signal: NodeJS.Signals) => {
    const instance = instances[name][index];
    if (!instance) throw new Error(`${name} has no instance ${index}`);
    instance.kill(signal);
    await instance.exited();
    await launch(name, index);
    // Ready is not enough: the next instance may stop only once HAProxy sends to this one again.
    await balancer?.waitUntilServing(name, index);
  };

  const stopServices = () =>
    Promise.all(
      Object.values(instances)
        .flat()
        .map(async (service) => {
          service.kill('SIGTERM');
          const timer = setTimeout(() => service.kill('SIGKILL'), 15_000);
          const code = await service.exited();
          clearTimeout(timer);
          return code;
        }),
    );
  const stopAll = async () => {
    await stopServices();
    await Promise.all([
      balancer?.stop(),
      kafka.destroy(),
      postgres.stop(),
      otlp?.close(),
      pyroscope?.close(),
    ]);
  };

  try {
    // pricing first: it creates the topics; then the rest together.
    await launchAll('pricing-service');
    await Promise.all(
      (['driver-service', 'ride-service', 'api-gateway'] as const).map((name) => launchAll(name)),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    gatewayUrl: urls['api-gateway'],
    urls,
    postgres,
    kafka,
    otlp,
    pyroscope,
    get services() {
      return Object.fromEntries(SERVICE_NAMES.map((name) => [name, instances[name][0]!])) as Record<
        ServiceName,
        ServiceProcess
      >;
    },
    instances,
    async restartService(name, signal = 'SIGTERM') {
      for (let index = 0; index < instances[name].length; index++) {
        await restartInstance(name, index, signal);
      }
    },
    restartInstance: (name, index, signal = 'SIGTERM') => restartInstance(name, index, signal),
    stopServices,
    stop: stopAll,
  };
}
