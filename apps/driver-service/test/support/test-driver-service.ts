import type { RunningEventDrivenService } from '@rideshare/service-kit';
import { startTestService, type TestService } from '@rideshare/service-kit/testing';
import { loadDriverConfig, type DriverConfig } from '../../src/config/driver-config';
import { startDriverService } from '../../src/driver-service';

export type TestDriverService = TestService<DriverConfig, RunningEventDrivenService>;

/** driver-service in-process on a random port, its own fresh database and consumer group. */
export function startTestDriverService(
  env: Record<string, string> = {},
): Promise<TestDriverService> {
  return startTestService({
    databasePrefix: 'drivers',
    groupIdPrefix: 'driver-test',
    loadConfig: loadDriverConfig,
    start: (config) => startDriverService(config, { host: '127.0.0.1', handleSignals: false }),
    env,
  });
}
