import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Ride } from '@rideshare/contracts';
import { CreateRideCommandDto, IdParamDto } from './ride.dto';
import { RidesService } from './rides.service';

interface StatusResponse {
  status(code: number): unknown;
}

/** Internal API used by api-gateway. */
@Controller('rides')
export class RidesController {
  constructor(private readonly rides: RidesService) {}

  /** 201 with the new ride; 200 with the earlier ride when `idempotencyKey` was seen before. */
  @Post()
  async create(
    @Body() body: CreateRideCommandDto,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<Ride> {
    const { ride, created } = await this.rides.create(body);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return ride;
  }

  @Get(':id')
  get(@Param() params: IdParamDto): Promise<Ride> {
    return this.rides.get(params.id);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  complete(@Param() params: IdParamDto): Promise<Ride> {
    return this.rides.complete(params.id);
  }
}
