import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Headers, Module } from '@nestjs/common';
import { Quote } from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootstrapService,
  createHttpClient,
  DownstreamError,
  REQUEST_BUDGET_HEADER,
  ServiceKitModule,
  ServiceRuntime,
  type HttpClient,
  type RunningService,
} from '../src';
import { waitFor } from '../src/testing';
import { capturingLogger, infraEnv } from './support';

const { databaseUrl, brokers } = infraEnv();

/** A downstream service answering from a script and recording what it received. */
class ScriptedDownstream {
  readonly received: http.IncomingHttpHeaders[] = [];
  replies: Array<{ status: number; headers?: Record<string, string>; body: unknown }> = [];
  private server = http.createServer((req, res) => {
    this.received.push(req.headers);
    const reply = this.replies.shift() ?? { status: 200, body: QUOTE };
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const QUOTE = {
  vehicle: 'car',
  region: 'us-east',
  distanceKm: 3.2,
  etaSeconds: 400,
  surgeMultiplier: 1,
  amountCents: 900,
  currency: 'USD',
};
const BUSY = { statusCode: 503, error: 'Service Unavailable', message: 'service overloaded' };

/** Holds every `/work` request until `release()`; counts the requests that started. */
class Gate {
  started = 0;
  private waiting: Array<() => void> = [];
  enter(): Promise<void> {
    this.started++;
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

const gate = new Gate();
const downstream = new ScriptedDownstream();
let pricing: HttpClient;

@Controller()
class WorkController {
  @Get('work')
  async work(): Promise<{ done: true }> {
    await gate.enter();
    return { done: true };
  }

  /** Calls the downstream with the request's budget, as any service handler does. */
  @Get('quote')
  quote(@Headers('x-retry') retry?: string): Promise<Quote> {
    return pricing.get('/quote', Quote, { retry: retry === 'yes' });
  }

  @Get('no-connection')
  noConnection(): never {
    throw new Error('timeout exceeded when trying to connect');
  }
}

let runtime: ServiceRuntime;
let service: RunningService;
/** Requests the service's HTTP server has received, and responses it has closed (sent or abandoned). */
let arrived = 0;
let closedResponses = 0;

beforeAll(async () => {
  await downstream.start();
  pricing = createHttpClient({ baseUrl: downstream.url, service: 'pricing-service' });
  runtime = await ServiceRuntime.start({
    serviceName: 'service-kit-overload-test',
    config: { DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, LOG_LEVEL: 'warn' },
    schema: 'sk_overload_test',
    topics: [],
    logger: capturingLogger('warn').logger,
  });
  @Module({ imports: [ServiceKitModule.forRoot(runtime)], controllers: [WorkController] })
  class AppModule {}
  service = await bootstrapService(AppModule, {
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    overload: { maxInFlight: 1, maxQueued: 1, budgetMs: 60_000 },
    onShutdown: () => runtime.stop(),
  });
  (service.app.getHttpServer() as http.Server).on('request', (_request, response) => {
    arrived++;
    response.on('close', () => closedResponses++);
  });
});

afterAll(async () => {
  gate.release();
  pricing?.close();
  await service?.close();
  await downstream.close();
});

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(`${service.url}${path}`, init);
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('overloadGuard', () => {
  it('serves maxInFlight, queues maxQueued and answers the rest 503 + Retry-After with the JSON body', async () => {
    const first = get('/work');
    await waitFor(() => gate.started === 1, { description: 'first request running' });
    const others = [get('/work'), get('/work')];
    const shed = await Promise.race(others);
    expect(shed).toEqual({
      status: 503,
      retryAfter: '1',
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'service overloaded: too many requests in progress',
        issues: [],
      },
    });
    // Health checks are not queued behind the work.
    expect((await get('/health')).status).toBe(200);
    gate.release();
    await waitFor(() => gate.started === 2 && (gate.release(), true), {
      description: 'queued request started',
    });
    const answers = await Promise.all([first, ...others]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 503]);
  });

  it('drops a queued request whose caller has gone away, without starting it', async () => {
    const startedBefore = gate.started;
    const first = get('/work');
    await waitFor(() => gate.started === startedBefore + 1, { description: 'first running' });
    const arrivedBefore = arrived;
    // A caller that closes its connection while its request waits in the queue.
    const abandoned = http.get(`${service.url}/work`, { agent: false });
    const closed = new Promise((resolve) => abandoned.on('close', resolve));
    abandoned.on('error', () => {});
    await waitFor(() => arrived === arrivedBefore + 1, { description: 'request queued' });
    const closedBefore = closedResponses;
    abandoned.destroy();
    await closed;
    await waitFor(() => closedResponses === closedBefore + 1, { description: 'server saw it go' });
    gate.release();
    expect((await first).status).toBe(200);
    // A later request is served after the abandoned one would have been.
    const later = get('/work');
    await waitFor(() => gate.started === startedBefore + 2 && (gate.release(), true), {
      description: 'later request started',
    });
    expect((await later).status).toBe(200);
    expect(gate.started).toBe(startedBefore + 2);
  });

  it('answers a queued request 503 once its budget has passed, without starting it', async () => {
    const startedBefore = gate.started;
    const first = get('/work');
    await waitFor(() => gate.started === startedBefore + 1, { description: 'first running' });
    const late = await get('/work', { headers: { [REQUEST_BUDGET_HEADER]: '200' } });
    expect(late.status).toBe(503);
    expect(late.retryAfter).toBe('1');
    expect(late.body.message).toBe('service overloaded: request deadline passed while queued');
    expect(gate.started).toBe(startedBefore + 1);
    gate.release();
    expect((await first).status).toBe(200);
  });

  it('answers a busy database (no pooled connection in time) with 503 + Retry-After, not 500', async () => {
    const answer = await get('/no-connection');
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe('1');
    expect(answer.body.error).toBe('Service Unavailable');
  });
});

describe('deadlines and retries through HttpClient', () => {
  it('gives a downstream call what is left of the caller budget', async () => {
    downstream.received.length = 0;
    const answer = await get('/quote', { headers: { [REQUEST_BUDGET_HEADER]: '5000' } });
    expect(answer.status).toBe(200);
    const budget = Number(downstream.received[0]?.[REQUEST_BUDGET_HEADER]);
    expect(budget).toBeGreaterThan(0);
    expect(budget).toBeLessThanOrEqual(5000);
  });

  it('retries an idempotent call that answered 503 until it succeeds', async () => {
    downstream.received.length = 0;
    downstream.replies = [
      { status: 503, headers: { 'retry-after': '0' }, body: BUSY },
      { status: 503, headers: { 'retry-after': '0' }, body: BUSY },
    ];
    const answer = await get('/quote', { headers: { 'x-retry': 'yes' } });
    expect(answer.status).toBe(200);
    expect(answer.body.amountCents).toBe(900);
    expect(downstream.received).toHaveLength(3);
  });

  it('does not retry a call that is not idempotent and passes on 503 + Retry-After', async () => {
    downstream.received.length = 0;
    downstream.replies = [{ status: 503, headers: { 'retry-after': '7' }, body: BUSY }];
    const answer = await get('/quote');
    expect(answer).toMatchObject({ status: 503, retryAfter: '7' });
    expect(answer.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'pricing-service is busy: service overloaded',
      issues: [],
    });
    expect(downstream.received).toHaveLength(1);
  });

  it('maps a downstream 500 to 502 and does not retry it', async () => {
    downstream.received.length = 0;
    downstream.replies = [
      { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'bug' } },
    ];
    const error = await pricing
      .get('/quote', Quote, { retry: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DownstreamError);
    expect((error as DownstreamError).getStatus()).toBe(502);
    expect(downstream.received).toHaveLength(1);
  });
});
