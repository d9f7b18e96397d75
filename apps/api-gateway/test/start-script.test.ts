import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CreateRideCommand } from '@rideshare/contracts';
import { createTestDatabase, waitFor, type TestDatabase } from '@rideshare/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { closedPort, FakeService } from './support/fake-service';
import { rideFrom, rideRequest } from './support/fixtures';

// `pnpm start` as deployed: the built app with the otel-profiling register entry loaded first.
const APP_DIR = path.resolve(__dirname, '..');
const MAIN = path.join(APP_DIR, 'dist', 'main.js');

let database: TestDatabase;
let rideService: FakeService;
let gateway: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  if (!existsSync(MAIN))
    throw new Error(
      `${MAIN} is missing: build the app first (pnpm --filter @rideshare/api-gateway build)`,
    );
  database = await createTestDatabase(inject('databaseUrl'), 'gateway_start');
  rideService = await FakeService.start();
  rideService.respondWith(({ body }) => ({
    status: 201,
    body: rideFrom(body as CreateRideCommand),
  }));
  const port = await closedPort();
  url = `http://127.0.0.1:${port}`;
  gateway = spawn(process.execPath, ['--require', '@rideshare/otel-profiling/register', MAIN], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: database.url,
      KAFKA_BROKERS: inject('kafkaBrokers'),
      RIDE_SERVICE_URL: rideService.url,
      LOG_LEVEL: 'info',
      OTEL_SERVICE_NAME: 'api-gateway',
      // Telemetry backends down must not matter to requests.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await closedPort()}`,
      PYROSCOPE_SERVER_ADDRESS: `http://127.0.0.1:${await closedPort()}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  gateway.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    async () => {
      if (gateway.exitCode !== null)
        throw new Error(`gateway exited with ${gateway.exitCode}:\n${output}`);
      return fetch(`${url}/health`).then(
        (response) => response.ok,
        () => false,
      );
    },
    { timeoutMs: 60_000, intervalMs: 200, description: 'the gateway to answer /health' },
  );
}, 90_000);

afterAll(async () => {
  if (gateway && gateway.exitCode === null) gateway.kill('SIGKILL');
  await rideService?.close();
  await database?.drop();
});

describe('node --require @rideshare/otel-profiling/register dist/main.js', () => {
  it('serves the API and propagates traceparent to ride-service', async () => {
    const response = await fetch(`${url}/v1/rides`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rideRequest),
    });
    expect(response.status).toBe(202);
    expect(rideService.received[0]?.headers.traceparent).toMatch(
      /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/,
    );
  });

  it('logs JSON lines carrying trace_id and span_id', async () => {
    // The request log line is written when the response finishes; it may trail the response.
    const requestLog = await waitFor(
      () =>
        output
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .find((line) => line.service === 'api-gateway' && typeof line.trace_id === 'string'),
      { timeoutMs: 5_000, description: 'a log line with trace_id' },
    );
    expect(requestLog.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(requestLog.span_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) =>
      gateway.once('exit', (code) => resolve(code)),
    );
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutdown complete');
  }, 30_000);
});
