import { QuoteRequest } from '@rideshare/contracts';
import { createZodDto } from 'nestjs-zod';

// Validated by the kit's global pipe: a bad field gets a 400 naming it.
export class QuoteRequestDto extends createZodDto(QuoteRequest) {}
