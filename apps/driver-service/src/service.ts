import path from 'node:path';
import {
  startEventDrivenService,
  type EventDrivenStartOptions,
  type RunningEventDrivenService,
} from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { SERVICE_NAME, type DriverConfig } from './config/driver-config';
import { RideEventHandlers } from './matching/ride-event-handlers';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

/** Migrates the `drivers` schema, seeds drivers, starts HTTP, the ride-event consumer and the outbox relay. */
export function startDriverService(
  config: DriverConfig,
  options: EventDrivenStartOptions = {},
): Promise<RunningEventDrivenService> {
  return startEventDrivenService({
    serviceName: SERVICE_NAME,
    config,
    schema: 'drivers',
    migrationsDir: MIGRATIONS_DIR,
    module: (runtime) => AppModule.forRoot(runtime, config),
    eventHandlers: (app) => app.get(RideEventHandlers).handlers(),
    ...options,
  });
}
