import { Module } from '@nestjs/common';
import { DownstreamModule } from '../downstream/downstream.module';
import { QuotesController } from './quotes.controller';

@Module({ imports: [DownstreamModule], controllers: [QuotesController] })
export class QuotesModule {}
