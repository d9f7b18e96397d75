import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PublicDownstreamErrorInterceptor } from './downstream/public-downstream-error.interceptor';
import { DriversModule } from './drivers/drivers.module';
import { QuotesModule } from './quotes/quotes.module';
import { RidesModule } from './rides/rides.module';

@Module({
  imports: [RidesModule, QuotesModule, DriversModule],
  providers: [{ provide: APP_INTERCEPTOR, useClass: PublicDownstreamErrorInterceptor }],
})
export class AppModule {}
