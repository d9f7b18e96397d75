// Started with `node --require @rideshare/otel-profiling/register dist/main.js`: telemetry is
// loaded before Nest, express and pg, and flushes itself on SIGTERM.
import 'reflect-metadata';
import { ConfigError } from '@rideshare/service-kit';
import { loadGatewayConfig } from './config';
import { startGateway } from './start-gateway';
import { exitUnlessSupportedRuntime } from '@rideshare/otel-profiling/runtime-requirement';

const SHUTDOWN_TIMEOUT_MS = 15_000;

exitUnlessSupportedRuntime('api-gateway');

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const gateway = await startGateway(config);

  // The first signal shuts down; repeats (Ctrl-C forwarded by pnpm/turbo, SIGTERM after SIGINT)
  // change nothing, and must not find the process without a listener (that would kill it).
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    gateway.logger.info(`${signal} received, shutting down`);
    // A stuck handle must not keep the process alive forever; unref'd so it never delays a clean exit.
    setTimeout(() => process.exit(process.exitCode ?? 0), SHUTDOWN_TIMEOUT_MS).unref();
    gateway.close().then(
      () => {
        gateway.logger.info('shutdown complete');
        process.exitCode = 0;
      },
      (error: unknown) => {
        gateway.logger.error({ err: error }, 'shutdown failed');
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
