import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoadBalancer, type RunningLoadBalancer } from '../src/haproxy';

interface Instance {
  name: string;
  port: number;
  ready: boolean;
  server: Server;
}

/** An instance answering its probe; with `drops`, it closes every request's connection unanswered. */
async function startInstance(name: string, drops = false): Promise<Instance> {
  const instance = { name, ready: true } as Instance;
  instance.server = createServer((req, res) => {
    if (req.url === '/health/ready') {
      res.writeHead(instance.ready ? 200 : 503).end();
      return;
    }
    if (drops) {
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => res.end(name));
  });
  await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
  instance.port = (instance.server.address() as AddressInfo).port;
  return instance;
}

function send(
  url: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/work`, { method, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

async function answeringInstances(url: string, requests: number): Promise<string[]> {
  const names = new Set<string>();
  for (let i = 0; i < requests; i++) {
    const { status, body } = await send(url, i % 2 === 0 ? 'GET' : 'POST');
    expect(status).toBe(200);
    names.add(body);
  }
  return [...names].sort();
}

/** Sends requests until `check` holds for the set of instances answering a round of them. */
async function untilAnsweredBy(url: string, check: (names: string[]) => boolean): Promise<void> {
  for (let round = 0; round < 200; round++) {
    if (check(await answeringInstances(url, 6))) return;
    await sleep(100);
  }
  throw new Error('the load balancer never changed the instances it sends requests to');
}

/** Instances of `echo` behind HAProxy, started before the tests of a describe and stopped after. */
function balancedForTests(start: () => Promise<Instance[]>) {
  const instances: Instance[] = [];
  let running: RunningLoadBalancer | undefined;
  beforeAll(async () => {
    instances.push(...(await start()));
    running = await startLoadBalancer({
      services: [{ name: 'echo', instancePorts: instances.map((instance) => instance.port) }],
      checkIntervalMs: 200,
    });
  });
  afterAll(async () => {
    await running?.stop();
    await Promise.all(
      instances.map((instance) => new Promise((resolve) => instance.server.close(resolve))),
    );
  });
  const balancer = {
    get url() {
      return running!.urls.echo!;
    },
    isServing: (index: number) => running!.isServing('echo', index),
    waitUntilServing: (index: number) => running!.waitUntilServing('echo', index),
  };
  return { instances, balancer };
}

describe('startLoadBalancer (HAProxy)', () => {
  const { instances, balancer } = balancedForTests(() =>
    Promise.all(['one', 'two', 'three'].map((name) => startInstance(name))),
  );

  it('spreads requests over every instance', async () => {
    expect(await answeringInstances(balancer.url, 9)).toEqual(['one', 'three', 'two']);
  });

  it('sends no new requests to an instance that is not ready', async () => {
    instances[0]!.ready = false;
    await untilAnsweredBy(balancer.url, (names) => !names.includes('one'));
    expect(await answeringInstances(balancer.url, 12)).toEqual(['three', 'two']);
    expect(await balancer.isServing(0)).toBe(false);
    instances[0]!.ready = true;
    await balancer.waitUntilServing(0);
    expect(await answeringInstances(balancer.url, 9)).toEqual(['one', 'three', 'two']);
  });

  it('answers every request, POST included, when an instance stops listening before its probe fails', async () => {
    // Closed between two probes: the load balancer still lists it, connections are refused.
    await new Promise((resolve) => instances[1]!.server.close(resolve));
    expect(await answeringInstances(balancer.url, 30)).toEqual(['one', 'three']);
  });
});

describe('startLoadBalancer (HAProxy) with an instance closing connections unanswered', () => {
  const { balancer } = balancedForTests(async () => [
    await startInstance('steady'),
    await startInstance('dropping', true),
  ]);

  it('resends a request that is safe to replay (idempotent method or Idempotency-Key)', async () => {
    for (let i = 0; i < 10; i++) {
      expect(await send(balancer.url, 'GET')).toEqual({ status: 200, body: 'steady' });
      expect(await send(balancer.url, 'POST', { 'idempotency-key': `key-${i}` })).toEqual({
        status: 200,
        body: 'steady',
      });
    }
  });

  it('answers 502 rather than replay a POST without an Idempotency-Key', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 10; i++) statuses.add((await send(balancer.url, 'POST')).status);
    expect([...statuses].sort()).toEqual([200, 502]);
  });
});
