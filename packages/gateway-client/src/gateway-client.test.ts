import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreateRideRequest } from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient, isRetryableAnswer, parseRetryAfterMs } from './index';

describe('GatewayClient', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Array<{ method?: string; url?: string; headers: Record<string, unknown> }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ method: request.method, url: request.url, headers: request.headers });
      if (request.url === '/v1/rides/busy') {
        response.writeHead(503, { 'retry-after': '2', 'content-type': 'application/json' });
        response.end('{"statusCode":503}');
        return;
      }
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end('{"id":"r1","status":"REQUESTED"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends the ride with its key, budget and headers, and answers the parsed body', async () => {
    const client = new GatewayClient({ baseUrl, requestBudgetMs: 900 });
    const stop = { lat: 59.3, lon: 18 };
    const ride = { riderId: 'r1', vehicle: 'car', region: 'eu-north', pickup: stop, dropoff: stop };
    const answer = await client.createRide(ride as CreateRideRequest, 'key-1', {
      traceparent: 'tp',
    });
    expect(answer).toMatchObject({ kind: 'response', ok: true, status: 202, body: { id: 'r1' } });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      url: '/v1/rides',
      headers: { 'idempotency-key': 'key-1', 'x-request-budget-ms': '900', traceparent: 'tp' },
    });
  });

  it('reports a 503 with its Retry-After as retryable', async () => {
    const answer = await new GatewayClient({ baseUrl }).getRide('busy');
    expect(answer).toMatchObject({ kind: 'response', ok: false, status: 503, retryAfterMs: 2000 });
    expect(isRetryableAnswer(answer)).toBe(true);
  });

  it('answers a refused connection with its socket code instead of throwing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await new GatewayClient({ baseUrl: `http://127.0.0.1:${port}` }).getRide('x');
    expect(answer).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
    expect(parseRetryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });
});
