import { Module } from '@nestjs/common';
import { DriversModule } from './drivers/drivers.module';
import { MatchingModule } from './matching/matching.module';
import { SeedingModule } from './seeding/seeding.module';

@Module({ imports: [DriversModule, SeedingModule, MatchingModule] })
export class AppModule {}
