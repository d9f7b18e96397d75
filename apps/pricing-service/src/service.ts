import path from 'node:path';
import { defineService } from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { variables } from './config';
import { DemandEventHandlers } from './demand/demand.handlers';

/** Fare quotes; consumes ride events for regional demand and publishes none. */
export const service = defineService({
  name: 'pricing-service',
  defaultPort: 8082,
  schema: 'pricing',
  migrationsDir: path.resolve(__dirname, '..', 'migrations'),
  variables,
  module: AppModule,
  events: { handlers: (app) => app.get(DemandEventHandlers).handlers(), publishes: false },
});
