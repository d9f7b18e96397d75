import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createHttpClient, SERVICE_CONFIG, type HttpClient } from '@rideshare/service-kit';
import type { GatewayConfig } from '../config';
import { DriverServiceClient } from './driver-service.client';
import { PricingServiceClient } from './pricing-service.client';
import { RideServiceClient } from './ride-service.client';

const HTTP_CLIENTS = Symbol('HTTP_CLIENTS');

interface HttpClients {
  rideService: HttpClient;
  pricingService: HttpClient;
  driverService: HttpClient;
}

function createHttpClients(config: GatewayConfig): HttpClients {
  const client = (service: string, baseUrl: string) =>
    createHttpClient({ baseUrl, service, timeoutMs: config.DOWNSTREAM_TIMEOUT_MS });
  return {
    rideService: client('ride-service', config.RIDE_SERVICE_URL),
    pricingService: client('pricing-service', config.PRICING_SERVICE_URL),
    driverService: client('driver-service', config.DRIVER_SERVICE_URL),
  };
}

/** The clients of the three internal services; their connections close once HTTP has drained. */
@Module({
  providers: [
    { provide: HTTP_CLIENTS, inject: [SERVICE_CONFIG], useFactory: createHttpClients },
    {
      provide: RideServiceClient,
      inject: [HTTP_CLIENTS],
      useFactory: (clients: HttpClients) => new RideServiceClient(clients.rideService),
    },
    {
      provide: PricingServiceClient,
      inject: [HTTP_CLIENTS],
      useFactory: (clients: HttpClients) => new PricingServiceClient(clients.pricingService),
    },
    {
      provide: DriverServiceClient,
      inject: [HTTP_CLIENTS],
      useFactory: (clients: HttpClients) => new DriverServiceClient(clients.driverService),
    },
  ],
  exports: [RideServiceClient, PricingServiceClient, DriverServiceClient],
})
export class DownstreamModule implements OnApplicationShutdown {
  constructor(@Inject(HTTP_CLIENTS) private readonly clients: HttpClients) {}

  onApplicationShutdown(): void {
    for (const client of Object.values(this.clients)) client.close();
  }
}
