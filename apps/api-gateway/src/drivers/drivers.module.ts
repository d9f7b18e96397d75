import { Module } from '@nestjs/common';
import { DownstreamModule } from '../downstream/downstream.module';
import { DriversController } from './drivers.controller';

@Module({ imports: [DownstreamModule], controllers: [DriversController] })
export class DriversModule {}
