import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { BaseConfig } from './config';
import { HttpErrorFilter } from './http-exception.filter';
import { HttpRouteInterceptor } from './http-route.interceptor';
import { useJsonBodies } from './json-body';
import { overloadGuard, type OverloadGuardOptions } from './overload-guard';

export interface BootstrapOptions {
  port: number;
  /** Default `0.0.0.0`; tests use `127.0.0.1`. */
  host?: string;
  /** JSON body limit (bytes, or e.g. `64kb`; default `64kb`; larger bodies get a 413 JSON error). */
  bodyLimit?: number | string;
  /**
   * Cleanup after HTTP has drained, in order (e.g. `() => runtime.stop()`: consumers commit,
   * relay stops, pool closes).
   */
  onShutdown?: () => Promise<void>;
  /** Runs first on the new app, before the kit's middleware and before init (e.g. Swagger's routes). */
  configure?: (app: NestExpressApplication) => void;
  /** Runs after the app is initialised and before it listens (e.g. start the consumer with handlers from the app). */
  beforeListen?: (app: INestApplication) => Promise<void>;
  /** Install SIGTERM/SIGINT handlers that close the service and exit 0 (default true; tests pass false). */
  handleSignals?: boolean;
  /** Hard limit for the whole shutdown before exiting anyway (default 15 s). */
  shutdownTimeoutMs?: number;
  /** Bounds on concurrent and queued requests and their budget (`overloadGuard`; its defaults when unset). */
  overload?: OverloadGuardOptions;
}

/** The `overloadGuard` options a service's validated config holds. */
export function overloadOptionsFrom(
  config: Partial<
    Pick<BaseConfig, 'MAX_IN_FLIGHT_REQUESTS' | 'MAX_QUEUED_REQUESTS' | 'REQUEST_BUDGET_MS'>
  >,
): OverloadGuardOptions {
  return {
    maxInFlight: config.MAX_IN_FLIGHT_REQUESTS,
    maxQueued: config.MAX_QUEUED_REQUESTS,
    budgetMs: config.REQUEST_BUDGET_MS,
  };
}

export interface RunningService {
  app: NestExpressApplication;
  /** e.g. `http://127.0.0.1:8081` */
  url: string;
  /** Stop accepting, drain in-flight requests, then `onShutdown`. Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates and starts a Nest app the same way in every service: buffered logs flushed into the pino
 * logger (the module must import `ServiceKitModule`), the overload guard (bounded concurrency and
 * queue, 503 + Retry-After beyond, a deadline per request), the JSON error filter, a JSON body limit,
 * the matched route reported to tracing (`HttpRouteInterceptor`), and a
 * graceful SIGTERM: HTTP drains, `onShutdown` runs, then the process exits 0. The otel-profiling
 * register entry flushes telemetry on the same signal.
 */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  options: BootstrapOptions,
): Promise<RunningService> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  options.configure?.(app);
  // Before the body parser: a request that will be shed is not read first.
  app.use(overloadGuard(options.overload));
  useJsonBodies(app, options.bodyLimit ?? '64kb');
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalInterceptors(new HttpRouteInterceptor());
  app.flushLogs();
  await app.init();
  await options.beforeListen?.(app);
  await app.listen(options.port, options.host ?? '0.0.0.0');
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  const logger = app.get(NestPinoLogger);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app.close();
      await options.onShutdown?.();
    })();
    return closing;
  };

  if (options.handleSignals ?? true) {
    // Ctrl-C reaches the process group and is often forwarded once more (pnpm, turbo,
    // concurrently), and a supervisor may follow with SIGTERM: the first signal shuts down,
    // later ones change nothing (a signal without a listener would kill the process mid-drain).
    let shuttingDown = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (shuttingDown) return;
      shuttingDown = true;
      logger.log(`${signal} received, shutting down`, 'Bootstrap');
      // A process still alive after the limit (a stuck handle) exits anyway; unref'd so it never delays a clean exit.
      setTimeout(
        () => process.exit(process.exitCode ?? 0),
        options.shutdownTimeoutMs ?? 15_000,
      ).unref();
      close().then(
        () => {
          logger.log('shutdown complete', 'Bootstrap');
          // Let pending I/O (telemetry flush started by the register entry) finish; the loop then empties.
          process.exitCode = 0;
        },
        (error: unknown) => {
          logger.error(error instanceof Error ? error.stack : String(error), 'Bootstrap');
          process.exitCode = 1;
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  logger.log(`listening on ${url}`, 'Bootstrap');
  return { app, url, close };
}
