import { Module } from '@nestjs/common';
import { DownstreamModule } from '../downstream/downstream.module';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { RidesController } from './rides.controller';
import { RidesService } from './rides.service';

@Module({
  imports: [DownstreamModule],
  controllers: [RidesController],
  providers: [RidesService, IdempotencyKeysRepository],
})
export class RidesModule {}
