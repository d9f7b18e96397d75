import type { RunningEventDrivenService } from '@rideshare/service-kit';
import { startTestService, type TestService } from '@rideshare/service-kit/testing';
import { loadPricingConfig, type PricingConfig } from '../../src/config/pricing-config';
import { startPricingService } from '../../src/pricing-service';

export type TestPricingService = TestService<PricingConfig, RunningEventDrivenService>;

/** pricing-service in-process on a random port, its own fresh database and consumer group. */
export function startTestPricingService(
  env: Record<string, string> = {},
): Promise<TestPricingService> {
  return startTestService({
    databasePrefix: 'pricing',
    groupIdPrefix: 'pricing-test',
    loadConfig: loadPricingConfig,
    start: (config) => startPricingService(config, { host: '127.0.0.1', handleSignals: false }),
    env,
  });
}
