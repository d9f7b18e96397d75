import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, describe, it } from 'vitest';
import { runFixture } from './helpers/child-process';

type Behaviour = 'refuses' | 'never-answers' | 'answers-503';

interface MisbehavingEndpoint {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startEndpoint(behaviour: Behaviour): Promise<MisbehavingEndpoint> {
  if (behaviour === 'refuses') {
    // A port that was free a moment ago and has nobody listening now.
    const server = createServer();
    const url = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return { url, close: async () => {} };
  }
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    request.resume();
    if (behaviour === 'answers-503') response.writeHead(503).end('overloaded');
    // 'never-answers': accept the request and keep the connection open forever.
  });
  server.on('connection', (socket) => sockets.add(socket));
  const url = await listen(server);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

const endpoints: MisbehavingEndpoint[] = [];
afterAll(async () => {
  await Promise.all(endpoints.map((endpoint) => endpoint.close()));
});

describe('when the telemetry backends misbehave', () => {
  it.concurrent.for<Behaviour>(['refuses', 'never-answers', 'answers-503'])(
    'the workload completes and shutdown returns when both endpoints %s',
    async (behaviour, { expect }) => {
      const endpoint = await startEndpoint(behaviour);
      endpoints.push(endpoint);
      const child = runFixture('resilient-workload.cjs', {
        OTEL_SERVICE_NAME: 'resilience-test',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.url,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        // Lets the exporter give up (and report the outage) within the short run.
        OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
        PYROSCOPE_SERVER_ADDRESS: endpoint.url,
      });

      const workload = await child.waitFor((line) => line.event === 'workload-done');
      expect(workload.requests).toBeGreaterThan(0);
      const shutdown = await child.waitFor((line) => line.event === 'shutdown-returned');
      console.log(behaviour, { requests: workload.requests, shutdownMs: shutdown.ms });
      expect(await child.exited).toEqual({ code: 0, signal: null });
      expect(child.stdout.some((line) => line.event === 'unhandled-rejection')).toBe(false);

      // One warning per backend for the whole outage, not one per attempt.
      const warnings = child
        .stderr()
        .split('\n')
        .filter((line) => line.includes('unreachable or failing'));
      expect(warnings.filter((line) => line.includes('"backend":"Pyroscope"'))).toHaveLength(1);
      expect(
        warnings.filter((line) => line.includes('"backend":"OTLP trace endpoint"')),
      ).toHaveLength(1);
    },
  );
});
