import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import {
  createDriverPipe,
  idParamPipe,
  updateLocationPipe,
  type CreateDriverRequest,
  type Driver,
  type IdParam,
  type UpdateLocationRequest,
} from './driver.dto';
import { DriversService } from './drivers.service';

@Controller('drivers')
export class DriversController {
  constructor(private readonly drivers: DriversService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(@Body(createDriverPipe) body: CreateDriverRequest): Promise<Driver> {
    return this.drivers.create(body);
  }

  @Get(':id')
  get(@Param(idParamPipe) params: IdParam): Promise<Driver> {
    return this.drivers.get(params.id);
  }

  @Put(':id/location')
  updateLocation(
    @Param(idParamPipe) params: IdParam,
    @Body(updateLocationPipe) body: UpdateLocationRequest,
  ): Promise<Driver> {
    return this.drivers.updateLocation(params.id, body);
  }
}
