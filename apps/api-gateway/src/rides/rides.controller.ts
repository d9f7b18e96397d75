import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Ride } from '@rideshare/contracts';
import { IdParamDto } from '../id-param.dto';
import { CreateRideRequestDto, RideDto } from './ride.dto';
import {
  ApiErrorResponses,
  BODY_FAILURES,
  DOWNSTREAM_FAILURES,
} from '../openapi/api-error-responses.decorator';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_HEADER_SCHEMA,
  parseIdempotencyKeyHeader,
} from './idempotency-key-header';
import { RidesService } from './rides.service';

/** From any answer holding a ride to the operations on that ride (OpenAPI links). */
const RIDE_LINKS = {
  getRide: { operationId: 'getRide', parameters: { id: '$response.body#/id' } },
  completeRide: { operationId: 'completeRide', parameters: { id: '$response.body#/id' } },
};

@ApiTags('rides')
@Controller('v1/rides')
export class RidesController {
  constructor(private readonly rides: RidesService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    operationId: 'createRide',
    summary: 'Request a ride; a driver is matched asynchronously',
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    schema: IDEMPOTENCY_KEY_HEADER_SCHEMA,
    description:
      'Retrying with the same key returns the same ride; reusing it with a different body is a 422.',
  })
  @ApiResponse({
    status: 202,
    description: 'The ride, status REQUESTED (or its current state on a replay).',
    type: RideDto.Output,
    links: RIDE_LINKS,
  })
  @ApiErrorResponses(400, ...BODY_FAILURES, 422, ...DOWNSTREAM_FAILURES)
  create(
    @Body() body: CreateRideRequestDto,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKeyHeader: string | string[] | undefined,
  ): Promise<Ride> {
    return this.rides.create(body, parseIdempotencyKeyHeader(idempotencyKeyHeader));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getRide', summary: 'Get a ride' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: RideDto.Output, links: RIDE_LINKS })
  @ApiErrorResponses(400, 404, ...DOWNSTREAM_FAILURES)
  get(@Param() params: IdParamDto): Promise<Ride> {
    return this.rides.get(params.id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'completeRide',
    summary: 'Complete an ASSIGNED ride and release its driver',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: RideDto.Output, links: RIDE_LINKS })
  @ApiErrorResponses(400, 404, 409, ...DOWNSTREAM_FAILURES)
  complete(@Param() params: IdParamDto): Promise<Ride> {
    return this.rides.complete(params.id);
  }
}
