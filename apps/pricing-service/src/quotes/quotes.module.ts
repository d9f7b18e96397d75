import { Module } from '@nestjs/common';
import { DemandModule } from '../demand/demand.module';
import { RoutingModule } from '../routing/routing.module';
import { QuotesController } from './quotes.controller';
import { QuotesService } from './quotes.service';

@Module({
  imports: [RoutingModule, DemandModule],
  controllers: [QuotesController],
  providers: [QuotesService],
})
export class QuotesModule {}
