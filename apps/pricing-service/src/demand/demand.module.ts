import { Module } from '@nestjs/common';
import { DemandEventHandlers } from './demand.handlers';
import { DemandRepository } from './demand.repository';
import { DemandService } from './demand.service';

@Module({
  providers: [DemandRepository, DemandService, DemandEventHandlers],
  exports: [DemandService, DemandEventHandlers],
})
export class DemandModule {}
