import { Module } from '@nestjs/common';
import { PricingClient } from './pricing.client';
import { RidesEventHandlers } from './rides.handlers';
import { RidesController } from './rides.controller';
import { RidesRepository } from './rides.repository';
import { RidesService } from './rides.service';

@Module({
  controllers: [RidesController],
  providers: [RidesService, RidesRepository, PricingClient, RidesEventHandlers],
  exports: [RidesEventHandlers],
})
export class RidesModule {}
