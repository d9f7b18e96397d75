import { Module } from '@nestjs/common';
import { RidesModule } from './rides/rides.module';

@Module({ imports: [RidesModule] })
export class AppModule {}
