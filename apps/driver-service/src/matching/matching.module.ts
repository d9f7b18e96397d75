import { Module } from '@nestjs/common';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';
import { MatchingEventHandlers } from './matching.handlers';

@Module({
  providers: [MatchingRepository, MatchingService, MatchingEventHandlers],
  exports: [MatchingService, MatchingEventHandlers],
})
export class MatchingModule {}
