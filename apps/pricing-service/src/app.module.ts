import { Module } from '@nestjs/common';
import { DemandModule } from './demand/demand.module';
import { QuotesModule } from './quotes/quotes.module';

@Module({ imports: [QuotesModule, DemandModule] })
export class AppModule {}
