import { Module } from '@nestjs/common';
import { PricingClient } from './pricing.client';
import { RideEventsHandler } from './ride-events.handler';
import { RidesController } from './rides.controller';
import { RidesRepository } from './rides.repository';
import { RidesService } from './rides.service';

@Module({
  controllers: [RidesController],
  providers: [RidesService, RidesRepository, PricingClient, RideEventsHandler],
  exports: [RideEventsHandler],
})
export class RidesModule {}
