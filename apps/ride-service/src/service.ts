import path from 'node:path';
import {
  startEventDrivenService,
  type EventDrivenStartOptions,
  type RunningEventDrivenService,
} from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { SERVICE_NAME, type RideConfig } from './config';
import { RideEventsHandler } from './rides/ride-events.handler';

export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export interface StartOptions extends EventDrivenStartOptions {
  /** PostgreSQL schema (default `rides`); tests use their own. */
  schema?: string;
}

export type RideService = RunningEventDrivenService;

/** Migrates, connects Kafka, starts the outbox relay, the HTTP API and the driver-event consumer. */
export function startRideService(
  config: RideConfig,
  { schema = 'rides', ...options }: StartOptions = {},
): Promise<RideService> {
  return startEventDrivenService({
    serviceName: SERVICE_NAME,
    config,
    schema,
    migrationsDir: MIGRATIONS_DIR,
    module: (runtime) => AppModule.forRoot(runtime, config),
    eventHandlers: (app) => app.get(RideEventsHandler).handlers(),
    ...options,
  });
}
