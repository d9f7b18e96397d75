import {
  startKafka,
  startPostgres,
  type RunningKafka,
  type RunningPostgres,
} from '@rideshare/native-infra';
import {
  startOtlpReceiver,
  startPyroscopeReceiver,
  type OtlpReceiver,
  type PyroscopeReceiver,
} from '@rideshare/telemetry-receivers';
import { freePort } from './free-port';
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
  /** Extra environment for every service (applied before `env`). */
  sharedEnv?: Record<string, string>;
  /** Extra environment per service (e.g. DRIVERS_PER_REGION_VEHICLE). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Fixed ports (free ones when omitted). */
  ports?: Partial<Record<ServiceName | 'postgres' | 'kafka', number>>;
}

export interface RunningSystem {
  gatewayUrl: string;
  postgres: RunningPostgres;
  kafka: RunningKafka;
  /** Present when telemetry is on. */
  otlp: OtlpReceiver | undefined;
  pyroscope: PyroscopeReceiver | undefined;
  services: Record<ServiceName, ServiceProcess>;
  /** Stops a service with `signal` and starts it again on the same port. */
  restartService(name: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  /**
   * SIGTERM to every service (SIGKILL after 15 s), which flushes their last spans and profiles
   * into the receivers; resolves with their exit codes. Kafka, PostgreSQL and receivers stay up.
   */
  stopServices(): Promise<Array<number | null>>;
  /** SIGTERM to every service, then stops Kafka and PostgreSQL and removes their data. */
  stop(): Promise<void>;
}

/**
 * The whole system on 127.0.0.1: a fresh native PostgreSQL and Kafka, the four services as
 * child processes (as `pnpm start` runs them) and, with telemetry, an OTLP and a Pyroscope
 * receiver that decode what the services send.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const [postgres, kafka, otlp, pyroscope] = await Promise.all([
    startPostgres({ port: options.ports?.postgres }),
    startKafka({ port: options.ports?.kafka }),
    options.telemetry ? startOtlpReceiver() : undefined,
    options.telemetry ? startPyroscopeReceiver() : undefined,
  ]);
  const ports = Object.fromEntries(
    await Promise.all(
      SERVICE_NAMES.map(
        async (name) => [name, options.ports?.[name] ?? (await freePort())] as const,
      ),
    ),
  ) as Record<ServiceName, number>;
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;

  const envFor = (name: ServiceName): Record<string, string> => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: postgres.url,
    KAFKA_BROKERS: kafka.brokers,
    RIDE_SERVICE_URL: url('ride-service'),
    PRICING_SERVICE_URL: url('pricing-service'),
    PRICING_URL: url('pricing-service'),
    DRIVER_SERVICE_URL: url('driver-service'),
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

  const services = {} as Record<ServiceName, ServiceProcess>;
  const launch = async (name: ServiceName) => {
    services[name] = spawnService(name, ports[name], envFor(name), options.telemetry);
    await waitUntilReady(services[name]);
  };

  const stopServices = () =>
    Promise.all(
      Object.values(services).map(async (service) => {
        service.kill('SIGTERM');
        const timer = setTimeout(() => service.kill('SIGKILL'), 15_000);
        const code = await service.exited();
        clearTimeout(timer);
        return code;
      }),
    );
  const stopAll = async () => {
    await stopServices();
    await Promise.all([kafka.destroy(), postgres.stop(), otlp?.close(), pyroscope?.close()]);
  };

  try {
    // pricing first: it creates the topics; then the rest together.
    await launch('pricing-service');
    await Promise.all(
      ['driver-service', 'ride-service', 'api-gateway'].map((name) => launch(name as ServiceName)),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    gatewayUrl: url('api-gateway'),
    postgres,
    kafka,
    otlp,
    pyroscope,
    services,
    async restartService(name, signal = 'SIGTERM') {
      services[name].kill(signal);
      await services[name].exited();
      await launch(name);
    },
    stopServices,
    stop: stopAll,
  };
}
