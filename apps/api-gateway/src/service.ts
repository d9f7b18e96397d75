import path from 'node:path';
import { defineService } from '@rideshare/service-kit';
import { AppModule } from './app.module';
import { variables } from './config';
import { setupOpenApi } from './openapi/openapi';
import { refuseUndeclaredMethods } from './openapi/refuse-undeclared-methods';

/**
 * The public REST API: validates every request and forwards it to the internal services. Kafka is
 * only a readiness check: it publishes and consumes no events.
 */
export const service = defineService({
  name: 'api-gateway',
  defaultPort: 8080,
  schema: 'gateway',
  migrationsDir: path.resolve(__dirname, '..', 'migrations'),
  variables,
  module: AppModule,
  bodyLimit: (config) => config.BODY_LIMIT_BYTES,
  // Swagger's routes before init (after it, Nest's 404 handler shadows them), and a 405 for the
  // methods the document does not declare.
  configure: (app) => app.use(refuseUndeclaredMethods(setupOpenApi(app))),
});
