import path from 'node:path';
import { bootstrapService, ServiceRuntime, type RunningService } from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { SERVICE_NAME, type RideConfig } from './config';
import { RideEventsHandler } from './rides/ride-events.handler';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export interface StartOptions {
  /** Default `0.0.0.0`. */
  host?: string;
  /** Default true; tests pass false and call `close()`. */
  handleSignals?: boolean;
  /** PostgreSQL schema (default `rides`); tests use their own. */
  schema?: string;
}

export interface RideService extends RunningService {
  runtime: ServiceRuntime;
}

/** Migrates, connects Kafka, starts the outbox relay, the HTTP API and the driver-event consumer. */
export async function startRideService(
  config: RideConfig,
  options: StartOptions = {},
): Promise<RideService> {
  const runtime = await ServiceRuntime.start({
    serviceName: SERVICE_NAME,
    config,
    schema: options.schema ?? 'rides',
    migrationsDir: MIGRATIONS_DIR,
  });
  try {
    const service = await bootstrapService(AppModule.forRoot(runtime, config), {
      port: config.PORT,
      host: options.host,
      handleSignals: options.handleSignals,
      beforeListen: async (app) => {
        await runtime.startConsumer(app.get(RideEventsHandler).handlers(), {
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
