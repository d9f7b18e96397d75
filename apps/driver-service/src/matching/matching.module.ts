import { Module } from '@nestjs/common';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';
import { RideEventHandlers } from './ride-event-handlers';

@Module({
  providers: [MatchingRepository, MatchingService, RideEventHandlers],
  exports: [MatchingService, RideEventHandlers],
})
export class MatchingModule {}
