import path from 'node:path';
import { defineService } from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { variables } from './config';
import { MatchingEventHandlers } from './matching/matching.handlers';

/** Drivers and matching: consumes ride events, publishes its decisions through the outbox. */
export const service = defineService({
  name: 'driver-service',
  defaultPort: 8083,
  schema: 'drivers',
  migrationsDir: path.resolve(__dirname, '..', 'migrations'),
  variables,
  module: AppModule,
  events: { handlers: (app) => app.get(MatchingEventHandlers).handlers(), publishes: true },
});
