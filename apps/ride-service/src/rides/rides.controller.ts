import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { CreateRideCommand, IdParam, type Ride } from '@rideshare/contracts';
import { ZodValidationPipe } from '@rideshare/service-kit';
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
    @Body(new ZodValidationPipe(CreateRideCommand, 'body')) body: CreateRideCommand,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<Ride> {
    const { ride, created } = await this.rides.create(body);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return ride;
  }

  @Get(':id')
  get(@Param(new ZodValidationPipe(IdParam, 'params')) params: IdParam): Promise<Ride> {
    return this.rides.get(params.id);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  complete(@Param(new ZodValidationPipe(IdParam, 'params')) params: IdParam): Promise<Ride> {
    return this.rides.complete(params.id);
  }
}
