import { ConfigError } from '@rideshare/service-kit';
import { loadPricingConfig } from './config/pricing-config';
import { startPricingService } from './pricing-service';
import { exitUnlessSupportedRuntime } from '@rideshare/otel-profiling/runtime-requirement';

exitUnlessSupportedRuntime('pricing-service');

async function main(): Promise<void> {
  await startPricingService(loadPricingConfig());
}

main().catch((error: unknown) => {
  // A bad variable needs only its message; anything else (e.g. PostgreSQL unreachable) its stack.
  console.error(
    'pricing-service failed to start:',
    error instanceof ConfigError ? error.message : error,
  );
  process.exit(1);
});
