import path from 'node:path';
import { bootstrapService, ServiceRuntime, type RunningService } from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { SERVICE_NAME, type DriverConfig } from './config/driver-config';
import { RideEventHandlers } from './matching/ride-event-handlers';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export interface StartOptions {
  /** Default `0.0.0.0`. */
  host?: string;
  /** Exit on SIGTERM/SIGINT after draining (default true; tests pass false). */
  handleSignals?: boolean;
}

export interface RunningDriverService extends RunningService {
  runtime: ServiceRuntime;
}

/** Migrates the `drivers` schema, seeds drivers, starts HTTP, the ride-event consumer and the outbox relay. */
export async function startDriverService(
  config: DriverConfig,
  options: StartOptions = {},
): Promise<RunningDriverService> {
  const runtime = await ServiceRuntime.start({
    serviceName: SERVICE_NAME,
    config,
    schema: 'drivers',
    migrationsDir: MIGRATIONS_DIR,
  });
  try {
    const service = await bootstrapService(AppModule.forRoot(runtime, config), {
      port: config.PORT,
      host: options.host,
      handleSignals: options.handleSignals,
      beforeListen: async (app) => {
        await runtime.startConsumer(app.get(RideEventHandlers).handlers(), {
          groupId: config.KAFKA_GROUP_ID,
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
