import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Quote, type QuoteRequest } from '@rideshare/contracts';
import { createHttpClient, type HttpClient } from '@rideshare/service-kit';
import { RIDE_CONFIG, type RideConfig } from '../config';

/** pricing-service over HTTP (`POST /quotes`); failures surface as DownstreamError (502/503/504/4xx). */
@Injectable()
export class PricingClient implements OnModuleDestroy {
  private readonly http: HttpClient;

  constructor(@Inject(RIDE_CONFIG) config: RideConfig) {
    this.http = createHttpClient({
      baseUrl: config.PRICING_URL,
      service: 'pricing-service',
      timeoutMs: config.PRICING_TIMEOUT_MS,
    });
  }

  quote(request: QuoteRequest): Promise<Quote> {
    return this.http.post('/quotes', request, Quote);
  }

  onModuleDestroy(): void {
    this.http.close();
  }
}
