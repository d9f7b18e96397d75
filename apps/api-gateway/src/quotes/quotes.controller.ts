import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { quoteQueryToRequest, type Quote } from '@rideshare/contracts';
import { QuoteDto, QuoteQueryDto } from './quote.dto';
import { PricingServiceClient } from '../downstream/pricing-service.client';
import { ApiErrorResponses, DOWNSTREAM_FAILURES } from '../openapi/api-error-responses.decorator';

@ApiTags('quotes')
@Controller('v1/quotes')
export class QuotesController {
  constructor(private readonly pricing: PricingServiceClient) {}

  @Get()
  @ApiOperation({ operationId: 'getQuote', summary: 'Price a trip without requesting a ride' })
  @ApiResponse({ status: 200, type: QuoteDto.Output })
  @ApiErrorResponses(400, ...DOWNSTREAM_FAILURES)
  get(@Query() query: QuoteQueryDto): Promise<Quote> {
    return this.pricing.quote(quoteQueryToRequest(query));
  }
}
