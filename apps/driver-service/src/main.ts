import { ConfigError } from '@rideshare/service-kit';
import { loadDriverConfig } from './config/driver-config';
import { startDriverService } from './driver-service';
import { exitUnlessSupportedRuntime } from '@rideshare/otel-profiling/runtime-requirement';

exitUnlessSupportedRuntime('driver-service');

async function main(): Promise<void> {
  await startDriverService(loadDriverConfig());
}

main().catch((error: unknown) => {
  // A bad variable needs only its message; anything else (e.g. PostgreSQL unreachable) its stack.
  console.error(
    'driver-service failed to start:',
    error instanceof ConfigError ? error.message : error,
  );
  process.exit(1);
});
