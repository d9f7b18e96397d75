import { Module } from '@nestjs/common';
import { DriversController } from './drivers.controller';
import { DriversRepository } from './drivers.repository';
import { DriversService } from './drivers.service';

@Module({
  controllers: [DriversController],
  providers: [DriversRepository, DriversService],
  exports: [DriversRepository],
})
export class DriversModule {}
