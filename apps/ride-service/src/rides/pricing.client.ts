import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Quote, type QuoteRequest } from '@rideshare/contracts';
import { createHttpClient, SERVICE_CONFIG, type HttpClient } from '@rideshare/service-kit';
import type { RideConfig } from '../config';

/**
 * pricing-service over HTTP (`POST /quotes`); failures surface as DownstreamError (4xx, 502, or
 * 503 + Retry-After when pricing is busy or unreachable). A quote changes nothing, so it is retried
 * within the caller's budget.
 */
@Injectable()
export class PricingClient implements OnModuleDestroy {
  private readonly http: HttpClient;

  constructor(@Inject(SERVICE_CONFIG) config: RideConfig) {
    this.http = createHttpClient({
      baseUrl: config.PRICING_URL,
      service: 'pricing-service',
      timeoutMs: config.PRICING_TIMEOUT_MS,
    });
  }

  quote(request: QuoteRequest): Promise<Quote> {
    return this.http.post('/quotes', request, Quote, { retry: true });
  }

  onModuleDestroy(): void {
    this.http.close();
  }
}
