import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceRuntime } from '@rideshare/service-kit';
import { PRICING_CONFIG, type PricingConfig } from './config/pricing-config';
import { DemandModule } from './demand/demand.module';
import { QuotesModule } from './quotes/quotes.module';

/** Makes the validated config injectable everywhere (`@Inject(PRICING_CONFIG)`). */
@Global()
@Module({})
class PricingConfigModule {
  static forRoot(config: PricingConfig): DynamicModule {
    return {
      module: PricingConfigModule,
      providers: [{ provide: PRICING_CONFIG, useValue: config }],
      exports: [PRICING_CONFIG],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(runtime: ServiceRuntime, config: PricingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(runtime),
        PricingConfigModule.forRoot(config),
        QuotesModule,
        DemandModule,
      ],
    };
  }
}
