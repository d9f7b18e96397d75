import path from 'node:path';
import { defineService } from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { variables } from './config';
import { RidesEventHandlers } from './rides/rides.handlers';

/** Rides and their orchestration: publishes ride events through the outbox, consumes driver decisions. */
export const service = defineService({
  name: 'ride-service',
  defaultPort: 8081,
  schema: 'rides',
  migrationsDir: path.resolve(__dirname, '..', 'migrations'),
  variables,
  module: AppModule,
  events: { handlers: (app) => app.get(RidesEventHandlers).handlers(), publishes: true },
});
