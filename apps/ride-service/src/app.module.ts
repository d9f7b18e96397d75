import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceRuntime } from '@rideshare/service-kit';
import { RIDE_CONFIG, type RideConfig } from './config';
import { RidesModule } from './rides/rides.module';

@Global()
@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime, config: RideConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(runtime), RidesModule],
      providers: [{ provide: RIDE_CONFIG, useValue: config }],
      exports: [RIDE_CONFIG],
    };
  }
}
