import 'reflect-metadata';
import { loadRideConfig } from './config';
import { startRideService } from './service';
import { exitUnlessSupportedRuntime } from '@rideshare/otel-profiling/runtime-requirement';

exitUnlessSupportedRuntime('ride-service');

async function main(): Promise<void> {
  await startRideService(loadRideConfig());
}

main().catch((error: unknown) => {
  // Config errors and unreachable infrastructure end up here: one clear line, exit 1.
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
