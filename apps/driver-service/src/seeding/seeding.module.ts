import { Module } from '@nestjs/common';
import { DriversModule } from '../drivers/drivers.module';
import { DriverSeeder } from './driver-seeder';

@Module({
  imports: [DriversModule],
  providers: [DriverSeeder],
})
export class SeedingModule {}
