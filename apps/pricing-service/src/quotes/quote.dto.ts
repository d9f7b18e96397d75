import { Quote, QuoteRequest } from '@rideshare/contracts';
import { ZodValidationPipe } from '@rideshare/service-kit';

export { Quote, QuoteRequest };

/** Validates the `POST /quotes` body; a bad field gets a 400 naming it. */
export const quoteRequestPipe = new ZodValidationPipe(QuoteRequest, 'body');
