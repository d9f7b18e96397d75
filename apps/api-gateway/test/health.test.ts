import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from './support/fake-service';
import { TestGateway } from './support/test-gateway';

describe('health with PostgreSQL and Kafka up', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await TestGateway.start();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('GET /health -> 200', async () => {
    const response = await gateway.request('GET', '/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /health/ready -> 200 with both checks up', async () => {
    const response = await gateway.request('GET', '/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('the health checks never reach an internal service', () => {
    expect(gateway.forwarded).toBe(0);
  });
});

describe('health with Kafka unreachable', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    // The gateway needs no Kafka to start and serve; readiness still reports it.
    gateway = await TestGateway.start({ KAFKA_BROKERS: `127.0.0.1:${await closedPort()}` });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('GET /health stays 200 and GET /health/ready -> 503 naming kafka', async () => {
    expect((await gateway.request('GET', '/health')).status).toBe(200);
    const response = await gateway.request('GET', '/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({
      status: 'unavailable',
      checks: { postgres: { status: 'up' }, kafka: { status: 'down' } },
    });
  });
});
