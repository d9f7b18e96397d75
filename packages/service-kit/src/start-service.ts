import type { DynamicModule, INestApplication } from '@nestjs/common';
import {
  bootstrapService,
  overloadOptionsFrom,
  type BootstrapOptions,
  type RunningService,
} from './bootstrap';
import type { BaseConfig } from './config';
import type { EventHandlers } from './event-consumer';
import { ServiceRuntime, type ServiceRuntimeOptions } from './runtime';

export interface StartServiceOptions extends ServiceRuntimeOptions {
  config: ServiceRuntimeOptions['config'] &
    Pick<BaseConfig, 'PORT'> &
    Partial<
      Pick<BaseConfig, 'MAX_IN_FLIGHT_REQUESTS' | 'MAX_QUEUED_REQUESTS' | 'REQUEST_BUDGET_MS'>
    > & {
      /** Consumer group (default: the service name); tests use their own. */
      KAFKA_GROUP_ID?: string;
    };
  /** The app's root module, built once the runtime (pool, Kafka, relay) exists. */
  module: (runtime: ServiceRuntime) => DynamicModule;
  /** The consumer's handlers, taken from the initialised app (e.g. `app.get(X).handlers()`); none: no consumer. */
  eventHandlers?: (app: INestApplication) => EventHandlers;
  host?: BootstrapOptions['host'];
  handleSignals?: BootstrapOptions['handleSignals'];
  bodyLimit?: BootstrapOptions['bodyLimit'];
  configure?: BootstrapOptions['configure'];
}

/** What a service's `start(config, options)` lets its callers (main, tests) choose. */
export type StartOptions = Pick<StartServiceOptions, 'host' | 'handleSignals'> & {
  /** PostgreSQL schema instead of the service's own; tests use their own. */
  schema?: string;
};

export interface StartedService extends RunningService {
  runtime: ServiceRuntime;
}

/**
 * The start-up of every service: `ServiceRuntime.start` (migrations; with messaging also topics,
 * producer, outbox relay), the Nest app, the consumer when there are handlers (started before the
 * app listens), and on shutdown `runtime.stop()`. A failure after the runtime started stops it
 * again, so nothing is left connected.
 */
export async function startService(options: StartServiceOptions): Promise<StartedService> {
  const { module, eventHandlers, host, handleSignals, bodyLimit, configure, ...runtimeOptions } =
    options;
  const runtime = await ServiceRuntime.start(runtimeOptions);
  try {
    const service = await bootstrapService(module(runtime), {
      port: options.config.PORT,
      host,
      handleSignals,
      bodyLimit,
      configure,
      overload: overloadOptionsFrom(options.config),
      beforeListen: async (app) => {
        if (!eventHandlers) return;
        await runtime.startConsumer(eventHandlers(app), {
          groupId: options.config.KAFKA_GROUP_ID,
        });
      },
      onShutdown: () => runtime.stop(),
    });
    return { ...service, runtime };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}
