import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import type { Quote } from '@rideshare/contracts';
import { QuoteRequestDto } from './quote.dto';
import { QuotesService } from './quotes.service';

@Controller('quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  /** A fare quote; computing it is the CPU-heavy part of this service. */
  @Post()
  @HttpCode(HttpStatus.OK)
  quote(@Body() body: QuoteRequestDto): Promise<Quote> {
    return this.quotes.quote(body);
  }
}
