import path from 'node:path';
import { bootstrapService, ServiceRuntime, type RunningService } from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { SERVICE_NAME, type PricingConfig } from './config/pricing-config';
import { DemandEventHandlers } from './demand/demand-event-handlers';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export interface StartOptions {
  /** Default `0.0.0.0`. */
  host?: string;
  /** Exit on SIGTERM/SIGINT after draining (default true; tests pass false). */
  handleSignals?: boolean;
}

export interface RunningPricingService extends RunningService {
  runtime: ServiceRuntime;
}

/** Migrates the `pricing` schema, starts HTTP and the ride-event consumer. */
export async function startPricingService(
  config: PricingConfig,
  options: StartOptions = {},
): Promise<RunningPricingService> {
  const runtime = await ServiceRuntime.start({
    serviceName: SERVICE_NAME,
    config,
    schema: 'pricing',
    migrationsDir: MIGRATIONS_DIR,
    // Pricing publishes no events.
    outbox: false,
  });
  try {
    const service = await bootstrapService(AppModule.forRoot(runtime, config), {
      port: config.PORT,
      host: options.host,
      handleSignals: options.handleSignals,
      beforeListen: async (app) => {
        await runtime.startConsumer(app.get(DemandEventHandlers).handlers(), {
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
