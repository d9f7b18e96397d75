import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Driver } from '@rideshare/contracts';
import { IdParamDto } from '../id-param.dto';
import { CreateDriverRequestDto, DriverDto, UpdateLocationRequestDto } from './driver.dto';
import { DriverServiceClient } from '../downstream/driver-service.client';
import {
  ApiErrorResponses,
  BODY_FAILURES,
  DOWNSTREAM_FAILURES,
} from '../openapi/api-error-responses.decorator';

/** From any answer holding a driver to the operations on that driver (OpenAPI links). */
const DRIVER_LINKS = {
  getDriver: { operationId: 'getDriver', parameters: { id: '$response.body#/id' } },
  updateDriverLocation: {
    operationId: 'updateDriverLocation',
    parameters: { id: '$response.body#/id' },
  },
};

@ApiTags('drivers')
@Controller('v1/drivers')
export class DriversController {
  constructor(private readonly drivers: DriverServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createDriver', summary: 'Register a driver' })
  @ApiResponse({ status: 201, type: DriverDto.Output, links: DRIVER_LINKS })
  @ApiErrorResponses(400, ...BODY_FAILURES, ...DOWNSTREAM_FAILURES)
  create(@Body() body: CreateDriverRequestDto): Promise<Driver> {
    return this.drivers.create(body);
  }

  @Put(':id/location')
  @ApiOperation({ operationId: 'updateDriverLocation', summary: "Update a driver's location" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: DriverDto.Output, links: DRIVER_LINKS })
  @ApiErrorResponses(400, 404, ...BODY_FAILURES, ...DOWNSTREAM_FAILURES)
  updateLocation(
    @Param() params: IdParamDto,
    @Body() body: UpdateLocationRequestDto,
  ): Promise<Driver> {
    return this.drivers.updateLocation(params.id, body);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getDriver', summary: 'Get a driver' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: DriverDto.Output, links: DRIVER_LINKS })
  @ApiErrorResponses(400, 404, ...DOWNSTREAM_FAILURES)
  get(@Param() params: IdParamDto): Promise<Driver> {
    return this.drivers.get(params.id);
  }
}
