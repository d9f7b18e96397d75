import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceRuntime } from '@rideshare/service-kit';
import { DRIVER_CONFIG, type DriverConfig } from './config/driver-config';
import { DriversModule } from './drivers/drivers.module';
import { MatchingModule } from './matching/matching.module';
import { SeedingModule } from './seeding/seeding.module';

/** Makes the validated config injectable everywhere (`@Inject(DRIVER_CONFIG)`). */
@Global()
@Module({})
class DriverConfigModule {
  static forRoot(config: DriverConfig): DynamicModule {
    return {
      module: DriverConfigModule,
      providers: [{ provide: DRIVER_CONFIG, useValue: config }],
      exports: [DRIVER_CONFIG],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime, config: DriverConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(runtime),
        DriverConfigModule.forRoot(config),
        DriversModule,
        SeedingModule,
        MatchingModule,
      ],
    };
  }
}
