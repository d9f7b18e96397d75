import { Module, type INestApplication, type Type } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { z } from 'zod';
import { loadConfig, type BaseConfig, type ServiceConfig } from './config';
import type { EventHandlers } from './event-consumer';
import { ServiceKitModule } from './service-kit.module';
import { startService, type StartedService, type StartOptions } from './start-service';
import { ZodDtoValidationPipe } from './zod-dto-validation.pipe';

/** A service's identity and parts: the one place each service names them (its `src/service.ts`). */
export interface ServiceDefinition<Variables extends z.ZodRawShape> {
  /** `ride-service`, ...: logs, Kafka client id, default consumer group; the package's unscoped name, which is also its `service.name`. */
  name: string;
  /** PORT when the variable is unset. */
  defaultPort: number;
  /** Its PostgreSQL schema. */
  schema: string;
  /** Its migrations folder. */
  migrationsDir: string;
  /** Its own variables (`src/config.ts`), validated with the kit's PORT, DATABASE_URL, KAFKA_BROKERS, ... */
  variables: Variables;
  /** Its feature modules; the config (`SERVICE_CONFIG`) and the kit's providers are injectable there. */
  module: Type<unknown>;
  /** Its events: the consumer's handlers, and whether it publishes through the outbox. None: no messaging. */
  events?: { handlers: (app: INestApplication) => EventHandlers; publishes: boolean };
  /** JSON body limit from its config (default 64kb). */
  bodyLimit?: (config: ServiceConfig<Variables>) => number | string;
  /** Runs on the new app before the kit's middleware (e.g. Swagger's routes). */
  configure?: (app: NestExpressApplication) => void;
}

/** What `main.ts` (through `runService`) and the tests use. */
export interface Service<Config> {
  name: string;
  schema: string;
  /** Validates the environment; throws a `ConfigError` naming each bad variable. */
  loadConfig(env?: NodeJS.ProcessEnv): Config;
  start(config: Config, options?: StartOptions): Promise<StartedService>;
}

/** Every service validates its input one way: nestjs-zod DTOs through one global pipe. */
@Module({ providers: [{ provide: APP_PIPE, useClass: ZodDtoValidationPipe }] })
class ServiceRootModule {}

export function defineService<Variables extends z.ZodRawShape>(
  definition: ServiceDefinition<Variables>,
): Service<ServiceConfig<Variables>> {
  return {
    name: definition.name,
    schema: definition.schema,
    loadConfig: (env = process.env) =>
      loadConfig({
        serviceName: definition.name,
        defaultPort: definition.defaultPort,
        extra: definition.variables,
        env,
      }),
    start: (config, { schema = definition.schema, ...options } = {}) =>
      startService({
        serviceName: definition.name,
        // Every ServiceConfig holds the base variables; TypeScript cannot see it for a generic shape.
        config: config as unknown as BaseConfig,
        schema,
        migrationsDir: definition.migrationsDir,
        messaging: definition.events !== undefined,
        outbox: definition.events?.publishes ?? false,
        module: (runtime) => ({
          module: ServiceRootModule,
          imports: [ServiceKitModule.forRoot(runtime, config), definition.module],
        }),
        eventHandlers: definition.events?.handlers,
        bodyLimit: definition.bodyLimit?.(config),
        configure: definition.configure,
        ...options,
      }),
  };
}
