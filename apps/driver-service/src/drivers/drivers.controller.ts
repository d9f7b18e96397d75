import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import type { Driver } from '@rideshare/contracts';
import { CreateDriverRequestDto, IdParamDto, UpdateLocationRequestDto } from './driver.dto';
import { DriversService } from './drivers.service';

@Controller('drivers')
export class DriversController {
  constructor(private readonly drivers: DriversService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(@Body() body: CreateDriverRequestDto): Promise<Driver> {
    return this.drivers.create(body);
  }

  @Get(':id')
  get(@Param() params: IdParamDto): Promise<Driver> {
    return this.drivers.get(params.id);
  }

  @Put(':id/location')
  updateLocation(
    @Param() params: IdParamDto,
    @Body() body: UpdateLocationRequestDto,
  ): Promise<Driver> {
    return this.drivers.updateLocation(params.id, body);
  }
}
