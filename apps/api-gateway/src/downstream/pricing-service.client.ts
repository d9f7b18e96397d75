import { Quote, type QuoteRequest } from '@rideshare/contracts';
import type { HttpClient } from '@rideshare/service-kit';

/** pricing-service: fare quotes. A quote changes nothing, so it is retried. */
export class PricingServiceClient {
  constructor(private readonly http: HttpClient) {}

  quote(request: QuoteRequest): Promise<Quote> {
    return this.http.post('/quotes', request, Quote, { retry: true });
  }
}
