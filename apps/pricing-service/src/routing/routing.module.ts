import { Module } from '@nestjs/common';
import { RoadGraphs } from './road-graphs.service';

@Module({
  providers: [RoadGraphs],
  exports: [RoadGraphs],
})
export class RoutingModule {}
