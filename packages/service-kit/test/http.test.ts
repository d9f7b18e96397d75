import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  Body,
  Controller,
  Get,
  Module,
  NotFoundException,
  Param,
  Post,
  type DynamicModule,
} from '@nestjs/common';
import { CreateRideRequest, IdParam, Quote } from '@rideshare/contracts';
import { LoggerModule } from 'nestjs-pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootstrapService,
  createHttpClient,
  createKafka,
  createPool,
  DownstreamError,
  HealthModule,
  kafkaCheck,
  pinoLoggerParams,
  postgresCheck,
  ServiceKitModule,
  ServiceRuntime,
  ZodValidationPipe,
  type RunningService,
} from '../src';
import { waitFor } from '../src/testing';
import { capturingLogger, infraEnv } from './support';

const { databaseUrl, brokers } = infraEnv();

@Controller('things')
class ThingsController {
  @Post()
  create(@Body(new ZodValidationPipe(CreateRideRequest, 'body')) body: CreateRideRequest) {
    return { riderId: body.riderId };
  }

  @Get('count')
  count() {
    return { count: 0 };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret connection string postgres://user:pw@db');
  }

  @Get(':id')
  get(@Param(new ZodValidationPipe(IdParam, 'params')) params: IdParam) {
    throw new NotFoundException(`thing ${params.id} not found`);
  }
}

let runtime: ServiceRuntime;
let service: RunningService;
const log = capturingLogger('info');

beforeAll(async () => {
  runtime = await ServiceRuntime.start({
    serviceName: 'service-kit-http-test',
    config: { DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, LOG_LEVEL: 'info' },
    schema: 'sk_http_test',
    topics: [],
    logger: log.logger,
  });
  @Module({ imports: [ServiceKitModule.forRoot(runtime)], controllers: [ThingsController] })
  class AppModule {}
  service = await bootstrapService(AppModule, {
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    onShutdown: () => runtime.stop(),
  });
});

afterAll(async () => {
  await service?.close();
});

async function call(
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    body,
    headers: body === undefined ? {} : { 'content-type': contentType },
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('bootstrapService + HttpErrorFilter', () => {
  it('returns 400 naming the offending field', async () => {
    const { status, json } = await call(
      'POST',
      '/things',
      JSON.stringify({
        riderId: 'r',
        vehicle: 'car',
        region: 'us-east',
        pickup: { lat: 0, lon: 0 },
        dropoff: { lat: 0, lon: 181 },
      }),
    );
    expect(status).toBe(400);
    expect(json).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'invalid request body: dropoff.lon',
      issues: [{ path: 'dropoff.lon', message: expect.any(String) }],
    });
  });

  it('validates params', async () => {
    const { status, json } = await call('GET', '/things/not-a-uuid');
    expect(status).toBe(400);
    expect(json.issues).toEqual([{ path: 'id', message: expect.any(String) }]);
    expect((await call('GET', '/things/6f1c8a4e-3b1d-4c7e-9a51-0d2b7f3e8c11')).status).toBe(404);
  });

  it('answers malformed JSON with 400 and a too-large body with 413, as JSON', async () => {
    const bad = await call('POST', '/things', '{"riderId": ');
    expect(bad).toEqual({
      status: 400,
      json: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'request body is not valid JSON',
        issues: [{ path: '', message: expect.any(String) }],
      },
    });
    const large = await call('POST', '/things', JSON.stringify({ riderId: 'x'.repeat(70 * 1024) }));
    expect(large).toEqual({
      status: 413,
      json: {
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'request body too large',
        issues: [],
      },
    });
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const { status, json } = await call('POST', '/things', 'riderId=r', contentType);
      expect(status).toBe(415);
      expect(json).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: expect.stringContaining('application/json'),
        issues: [],
      });
    }
  });

  it('reads JSON that is not an object and says an object was expected', async () => {
    for (const body of ['null', '42', '"text"', '[]']) {
      const { status, json } = await call('POST', '/things', body);
      expect(status).toBe(400);
      expect(json).toMatchObject({
        message: 'invalid request body: (root)',
        issues: [{ path: '', message: expect.stringContaining('expected object') }],
      });
    }
  });

  it('hides unknown errors behind a generic 500', async () => {
    const { status, json } = await call('GET', '/things/boom');
    expect(status).toBe(500);
    expect(json).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'internal server error',
      issues: [],
    });
    expect(JSON.stringify(json)).not.toContain('postgres://');
  });

  it('serves liveness and readiness, without logging them', async () => {
    expect(await call('GET', '/health')).toEqual({ status: 200, json: { status: 'ok' } });
    expect(await call('GET', '/health/ready')).toEqual({
      status: 200,
      json: { status: 'ok', checks: { postgres: { status: 'up' }, kafka: { status: 'up' } } },
    });
    await call('POST', '/things', '{}');
    const requestLogs = log.lines().filter((line) => typeof line.req === 'object');
    const urls = requestLogs.map((line) => (line.req as { url: string }).url);
    expect(urls).toContain('/things');
    expect(urls.some((url) => url.startsWith('/health'))).toBe(false);
  });
});

describe('request logs', () => {
  it('logs answered reads at debug, so polls stay out of the info output; writes and failures stay', async () => {
    const before = log.lines().length;
    expect((await call('GET', '/things/count')).status).toBe(200);
    expect((await call('GET', '/things/missing')).status).toBeGreaterThanOrEqual(400);
    await call('POST', '/things', '{}');
    const requests = log
      .lines()
      .slice(before)
      .filter((line) => typeof line.req === 'object')
      .map((line) => [(line.req as { method: string }).method, (line.req as { url: string }).url]);
    expect(requests).toEqual([
      ['GET', '/things/missing'],
      ['POST', '/things'],
    ]);
  });
});

describe('HealthModule', () => {
  it('answers 503 naming the dependency that is down', async () => {
    const pool = createPool(databaseUrl);
    const deadKafka = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'dead' });
    const { logger } = capturingLogger('warn');
    const module: DynamicModule = {
      module: class HealthTestModule {},
      imports: [
        LoggerModule.forRoot(pinoLoggerParams(logger)),
        HealthModule.register([postgresCheck(pool), kafkaCheck(deadKafka, 500)]),
      ],
    };
    const app = await bootstrapService(module, {
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
    });
    try {
      const response = await fetch(`${app.url}/health/ready`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as {
        status: string;
        checks: Record<string, { status: string; error?: string }>;
      };
      expect(body.status).toBe('unavailable');
      expect(body.checks.postgres).toEqual({ status: 'up' });
      expect(body.checks.kafka?.status).toBe('down');
      expect(body.checks.kafka?.error).toEqual(expect.any(String));
    } finally {
      await app.close();
      await pool.end();
    }
  });
});

describe('HttpClient', () => {
  let downstream: http.Server;
  let baseUrl: string;
  const received: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    downstream = http.createServer((req, res) => {
      received.push(req.headers);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/quote')
        return reply(200, {
          vehicle: 'car',
          region: 'us-east',
          distanceKm: 3.2,
          etaSeconds: 400,
          surgeMultiplier: 1,
          amountCents: 900,
          currency: 'USD',
        });
      if (req.url === '/invalid')
        return reply(400, {
          statusCode: 400,
          error: 'Bad Request',
          message: 'invalid request body: pickup',
          issues: [{ path: 'pickup', message: 'Required' }],
        });
      if (req.url === '/fail')
        return reply(500, {
          statusCode: 500,
          error: 'Internal Server Error',
          message: 'internal server error',
        });
      if (req.url === '/wrong-shape') return reply(200, { hello: 'world' });
      if (req.url === '/html-error') {
        res.writeHead(500, { 'content-type': 'text/html' });
        return void res.end('<html><body>oops</body></html>');
      }
      if (req.url === '/proxy-502') {
        // A load balancer's answer when the instance closed the connection unanswered.
        res.writeHead(502, { 'content-type': 'text/html' });
        return void res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      }
      if (req.url === '/no-server') {
        // What a load balancer answers when no instance is up: its own page, no JSON.
        res.writeHead(503, { 'content-type': 'text/html' });
        return void res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      }
      if (req.url === '/slow') return void setTimeout(() => reply(200, {}), 2_000);
      reply(404, { statusCode: 404, error: 'Not Found', message: 'nope' });
    });
    await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(downstream.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    downstream.closeAllConnections();
    await new Promise((resolve) => downstream.close(resolve));
  });

  async function failure(promise: Promise<unknown>): Promise<DownstreamError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DownstreamError);
    return error as DownstreamError;
  }

  it('posts JSON and validates the answer', async () => {
    const client = createHttpClient({ baseUrl, service: 'pricing-service' });
    const quote = await client.post('/quote', { any: 'body' }, Quote);
    expect(quote.amountCents).toBe(900);
    expect(received.at(-1)?.['content-type']).toBe('application/json');
    client.close();
  });

  it('maps downstream failures to meaningful statuses', async () => {
    const client = createHttpClient({ baseUrl, service: 'pricing-service', timeoutMs: 300 });
    const invalid = await failure(client.post('/invalid', {}, Quote));
    expect(invalid.getStatus()).toBe(400);
    expect(invalid.getResponse()).toMatchObject({
      message: 'invalid request body: pickup',
      issues: [{ path: 'pickup', message: 'Required' }],
    });
    expect((await failure(client.get('/missing', Quote))).getStatus()).toBe(404);
    expect((await failure(client.get('/fail', Quote))).getStatus()).toBe(502);
    expect((await failure(client.get('/wrong-shape', Quote))).getStatus()).toBe(502);
    expect((await failure(client.get('/html-error', Quote))).getStatus()).toBe(502);
    const noServer = await failure(client.get('/no-server', Quote));
    expect(noServer.getStatus()).toBe(503);
    expect(noServer.retryable).toBe(true);
    expect(noServer.message).toBe('pricing-service is busy: answered 503');
    const proxy502 = await failure(client.get('/proxy-502', Quote));
    expect(proxy502.getStatus()).toBe(503);
    expect(proxy502.retryable).toBe(true);
    const timeout = await failure(client.get('/slow', Quote));
    // Busy, not broken: 503 with a Retry-After for the caller.
    expect(timeout.getStatus()).toBe(503);
    expect(timeout.message).toBe('pricing-service did not answer within 300 ms');
    expect(timeout.retryAfterSeconds).toBe(1);
    client.close();
    const unreachable = createHttpClient({
      baseUrl: 'http://127.0.0.1:1',
      service: 'pricing-service',
    });
    expect((await failure(unreachable.get('/quote', Quote))).getStatus()).toBe(503);
  });
});

describe('ServiceRuntime.start', () => {
  it(
    'retries an unreachable Kafka until the startup timeout, then fails',
    { timeout: 60_000 },
    async () => {
      const log = capturingLogger('warn');
      await expect(
        ServiceRuntime.start({
          serviceName: 'unreachable',
          config: { DATABASE_URL: databaseUrl, KAFKA_BROKERS: ['127.0.0.1:1'], LOG_LEVEL: 'warn' },
          schema: 'sk_unreachable_test',
          logger: log.logger,
          // Longer than one attempt (kafkajs retries internally for several seconds).
          startupTimeoutMs: 8_000,
        }),
      ).rejects.toThrow();
      expect(log.lines().map((line) => line.msg)).toContain(
        'Kafka topics: waiting for the infrastructure',
      );
    },
  );
});

describe('SIGTERM', () => {
  it('finishes the in-flight request, stops the runtime and exits 0', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'slow-service.cjs')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: brokers.join(','),
        TEST_SCHEMA: 'sk_sigterm_test',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const url = await waitFor(() => /"msg":"ready","url":"([^"]+)"/.exec(stdout)?.[1], {
      description: `the service to start (${stderr})`,
    });

    const inFlight = fetch(`${url}/slow`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));
    await waitFor(() => stdout.includes('"url":"/slow"') || stdout.includes('/slow'), {
      timeoutMs: 200,
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');

    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    expect(await exited).toBe(0);
    const messages = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain('SIGTERM received, shutting down');
    expect(messages.indexOf('runtime stopped')).toBeGreaterThan(
      messages.indexOf('SIGTERM received, shutting down'),
    );
    expect(messages).toContain('shutdown complete');
    // kafkajs 2.2.4 scheduled a negative timeout on every client (patched in patches/).
    expect(stderr).not.toContain('TimeoutNegativeWarning');
  });

  it('shuts down once when Ctrl-C arrives twice (terminal and pnpm) and then SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, 'fixtures', 'slow-service.cjs')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: brokers.join(','),
        TEST_SCHEMA: 'sk_sigint_test',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await waitFor(() => /"msg":"ready"/.test(stdout), { description: 'the service to start' });

    // Both Ctrl-C signals arrive together; SIGTERM comes once shutdown has begun
    // (signals pending at the same moment are handled in no guaranteed order).
    child.kill('SIGINT');
    child.kill('SIGINT');
    await waitFor(() => stdout.includes('received, shutting down'), {
      description: 'the shutdown to begin',
    });
    child.kill('SIGTERM');

    expect(await exited, stdout).toBe(0);
    const messages = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.filter((msg) => msg.endsWith('received, shutting down'))).toEqual([
      'SIGINT received, shutting down',
    ]);
    expect(messages).toContain('shutdown complete');
  });
});
