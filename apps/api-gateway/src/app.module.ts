import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import {
  createHttpClient,
  HealthModule,
  kafkaCheck,
  PINO_LOGGER,
  pinoLoggerParams,
  postgresCheck,
  type HttpClient,
  type Kafka,
  type Logger,
  type Pool,
} from '@rideshare/service-kit';
import { LoggerModule } from 'nestjs-pino';
import type { GatewayConfig } from './config';
import { DriverServiceClient } from './downstream/driver-service.client';
import { PricingServiceClient } from './downstream/pricing-service.client';
import { PublicDownstreamErrorInterceptor } from './downstream/public-downstream-error.interceptor';
import { RideServiceClient } from './downstream/ride-service.client';
import { DriversController } from './drivers/drivers.controller';
import { QuotesController } from './quotes/quotes.controller';
import { IdempotencyKeysRepository } from './rides/idempotency-keys.repository';
import { RidesController } from './rides/rides.controller';
import { RidesService } from './rides/rides.service';
import { ZodDtoValidationPipe } from './zod-dto-validation.pipe';

/** What the gateway holds outside Nest (created, and closed, by `startGateway`). */
export interface GatewayResources {
  config: GatewayConfig;
  logger: Logger;
  /** search_path = gateway */
  pool: Pool;
  /** Only for the readiness check: the gateway neither produces nor consumes. */
  kafka: Kafka;
  rideService: HttpClient;
  pricingService: HttpClient;
  driverService: HttpClient;
}

export function createDownstreamHttpClients(
  config: GatewayConfig,
): Pick<GatewayResources, 'rideService' | 'pricingService' | 'driverService'> {
  const timeoutMs = config.DOWNSTREAM_TIMEOUT_MS;
  return {
    rideService: createHttpClient({
      baseUrl: config.RIDE_SERVICE_URL,
      service: 'ride-service',
      timeoutMs,
    }),
    pricingService: createHttpClient({
      baseUrl: config.PRICING_SERVICE_URL,
      service: 'pricing-service',
      timeoutMs,
    }),
    driverService: createHttpClient({
      baseUrl: config.DRIVER_SERVICE_URL,
      service: 'driver-service',
      timeoutMs,
    }),
  };
}

@Module({})
export class AppModule {
  static forRoot(resources: GatewayResources): DynamicModule {
    const rideService = new RideServiceClient(resources.rideService);
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(pinoLoggerParams(resources.logger)),
        HealthModule.register([postgresCheck(resources.pool), kafkaCheck(resources.kafka)]),
      ],
      controllers: [RidesController, QuotesController, DriversController],
      providers: [
        { provide: PINO_LOGGER, useValue: resources.logger },
        { provide: APP_PIPE, useClass: ZodDtoValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: PublicDownstreamErrorInterceptor },
        {
          provide: RidesService,
          useValue: new RidesService(rideService, new IdempotencyKeysRepository(resources.pool)),
        },
        {
          provide: PricingServiceClient,
          useValue: new PricingServiceClient(resources.pricingService),
        },
        {
          provide: DriverServiceClient,
          useValue: new DriverServiceClient(resources.driverService),
        },
      ],
    };
  }
}
