import path from 'node:path';
import {
  startEventDrivenService,
  type EventDrivenStartOptions,
  type RunningEventDrivenService,
} from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { SERVICE_NAME, type PricingConfig } from './config/pricing-config';
import { DemandEventHandlers } from './demand/demand-event-handlers';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

/** Migrates the `pricing` schema, starts HTTP and the ride-event consumer. */
export function startPricingService(
  config: PricingConfig,
  options: EventDrivenStartOptions = {},
): Promise<RunningEventDrivenService> {
  return startEventDrivenService({
    serviceName: SERVICE_NAME,
    config,
    schema: 'pricing',
    migrationsDir: MIGRATIONS_DIR,
    // Pricing publishes no events.
    outbox: false,
    module: (runtime) => AppModule.forRoot(runtime, config),
    eventHandlers: (app) => app.get(DemandEventHandlers).handlers(),
    ...options,
  });
}
