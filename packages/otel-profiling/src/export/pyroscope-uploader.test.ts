import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PyroscopeUploader } from './pyroscope-uploader';

interface SlowServer {
  url: string;
  maxConcurrent: number;
  received: string[];
  release(): void;
  close(): Promise<void>;
}

/** A Pyroscope stand-in that holds every request until released. */
async function startSlowServer(): Promise<SlowServer> {
  let open = 0;
  const held: ServerResponse[] = [];
  const state = { maxConcurrent: 0, received: [] as string[] };
  const server = createServer((request: IncomingMessage, response) => {
    open++;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const parsed = JSON.parse(body) as {
        series: Array<{ samples: Array<{ rawProfile: string }> }>;
      };
      state.received.push(
        Buffer.from(parsed.series[0]!.samples[0]!.rawProfile, 'base64').toString(),
      );
      held.push(response);
    });
    response.on('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    received: state.received,
    release: () => held.splice(0).forEach((response) => response.end('{}')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const config = (serverAddress: string) => ({
  serverAddress,
  applicationName: 'uploader-test',
  basicAuth: undefined,
  tenantId: undefined,
  tags: {},
  uploadIntervalMs: 1000,
  samplingIntervalMs: 10,
});

describe('PyroscopeUploader', () => {
  let server: SlowServer | undefined;
  afterEach(async () => server?.close());

  it('keeps one upload in flight and drops the oldest waiting profiles beyond the bound', async () => {
    server = await startSlowServer();
    const uploader = new PyroscopeUploader(config(server.url), {
      maxQueuedProfiles: 2,
      timeoutMs: 10_000,
    });
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) uploader.enqueue(Buffer.from(name));

    // p1 is in flight; p2 and p3 were dropped for p4 and p5. Each upload is
    // answered once it has arrived, so the next one can start.
    for (let arrived = 1; arrived <= 3; arrived++) {
      while (server.received.length < arrived) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      server.release();
    }
    await uploader.flush();
    expect(server.received).toEqual(['p1', 'p4', 'p5']);
    expect(server.maxConcurrent).toBe(1);
    expect(uploader.droppedProfiles).toBe(2);
  });

  it('gives up on an upload that never answers after the timeout, without throwing', async () => {
    server = await startSlowServer();
    const uploader = new PyroscopeUploader(config(server.url), {
      maxQueuedProfiles: 2,
      timeoutMs: 200,
    });
    uploader.enqueue(Buffer.from('p1'));
    await uploader.flush();
    expect(server.received).toEqual(['p1']);
  });
});
