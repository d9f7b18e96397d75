import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createKafka,
  createLogger,
  createPool,
  HttpErrorFilter,
  overloadGuard,
  overloadOptionsFrom,
  runMigrations,
  useJsonBodies,
  type Logger,
} from '@rideshare/service-kit';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { AppModule, createDownstreamHttpClients } from './app.module';
import { GATEWAY_SCHEMA, type GatewayConfig } from './config';
import { setupOpenApi } from './openapi/openapi';
import { refuseUndeclaredMethods } from './openapi/refuse-undeclared-methods';

export const SERVICE_NAME = 'api-gateway';
export const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');

export interface RunningGateway {
  app: NestExpressApplication;
  /** e.g. `http://127.0.0.1:8080` */
  url: string;
  logger: Logger;
  /** Stops accepting, drains in-flight requests, then closes the HTTP clients and the pool. Idempotent. */
  close(): Promise<void>;
}

/**
 * Migrates `gateway`, then starts the Nest app like the kit's `bootstrapService` (pino logger,
 * overload guard, the kit's JSON bodies and JSON error filter) plus Swagger and a 405 for methods
 * the OpenAPI document does not declare. Not `bootstrapService` itself:
 * Swagger's routes must be registered before `app.init()` (after it, Nest's 404 handler shadows
 * them) and `bootstrapService` offers no hook before init.
 */
export async function startGateway(
  config: GatewayConfig,
  options: { host?: string } = {},
): Promise<RunningGateway> {
  const logger = createLogger({ level: config.LOG_LEVEL, service: SERVICE_NAME });
  await runMigrations({
    databaseUrl: config.DATABASE_URL,
    schema: GATEWAY_SCHEMA,
    dir: MIGRATIONS_DIR,
    // The gateway publishes and consumes no events: no outbox, no processed_events.
    includeServiceKitMigrations: false,
    logger,
  });
  const pool = createPool(config.DATABASE_URL, { schema: GATEWAY_SCHEMA });
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: SERVICE_NAME, logger });
  const clients = createDownstreamHttpClients(config);
  const releaseResources = async () => {
    for (const client of Object.values(clients)) client.close();
    await pool.end();
  };

  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, logger, pool, kafka, ...clients }),
      {
        bufferLogs: true,
        bodyParser: false,
      },
    );
    app.useLogger(app.get(NestPinoLogger));
    const document = setupOpenApi(app);
    app.use(refuseUndeclaredMethods(document));
    // Before the body parser: a request that will be shed is not read first.
    app.use(overloadGuard(overloadOptionsFrom(config)));
    useJsonBodies(app, config.BODY_LIMIT_BYTES);
    app.useGlobalFilters(new HttpErrorFilter());
    app.flushLogs();
    await app.listen(config.PORT, options.host ?? '0.0.0.0');
  } catch (error) {
    await releaseResources();
    throw error;
  }

  const address = app.getHttpServer().address() as AddressInfo;
  const host =
    address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const url = `http://${address.family === 'IPv6' && host !== '127.0.0.1' ? `[${host}]` : host}:${address.port}`;
  logger.info({ url }, 'api-gateway listening');

  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    logger,
    close: () => {
      closing ??= app.close().then(releaseResources);
      return closing;
    },
  };
}
