import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthModule } from './health';
import { pinoLoggerParams } from './logger';
import type { ServiceRuntime } from './runtime';

/** Injection tokens provided by `ServiceKitModule.forRoot(runtime)`. */
export const PG_POOL = Symbol('PG_POOL');
export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
export const PINO_LOGGER = Symbol('PINO_LOGGER');
/** The service's validated config (`@Inject(SERVICE_CONFIG) config: RideConfig`). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * Global module wiring a `ServiceRuntime` into Nest: the pino logger (nestjs-pino, request logs
 * except /health), `GET /health` + `GET /health/ready`, and injectable pool/Kafka/producer/relay
 * and config.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(runtime: ServiceRuntime, config: unknown = {}): DynamicModule {
    const providers = [
      { provide: SERVICE_RUNTIME, useValue: runtime },
      { provide: PG_POOL, useValue: runtime.pool },
      { provide: KAFKA, useValue: runtime.kafka },
      { provide: KAFKA_PRODUCER, useValue: runtime.producer ?? null },
      { provide: OUTBOX_RELAY, useValue: runtime.relay ?? null },
      { provide: PINO_LOGGER, useValue: runtime.logger },
      { provide: SERVICE_CONFIG, useValue: config },
    ];
    return {
      module: ServiceKitModule,
      imports: [
        LoggerModule.forRoot(pinoLoggerParams(runtime.logger)),
        HealthModule.register(runtime.readinessChecks),
      ],
      providers,
      exports: providers.map((provider) => provider.provide),
    };
  }
}
