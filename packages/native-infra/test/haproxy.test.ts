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

async function startInstance(name: string): Promise<Instance> {
  const instance = { name, ready: true } as Instance;
  instance.server = createServer((req, res) => {
    if (req.url === '/health/ready') {
      res.writeHead(instance.ready ? 200 : 503).end();
      return;
    }
    req.resume();
    req.on('end', () => res.end(name));
  });
  await new Promise<void>((resolve) => instance.server.listen(0, '127.0.0.1', resolve));
  instance.port = (instance.server.address() as AddressInfo).port;
  return instance;
}

function send(url: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/work`, { method, agent: false }, (res) => {
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

describe('startLoadBalancer (HAProxy)', () => {
  let instances: Instance[];
  let balancer: RunningLoadBalancer;

  beforeAll(async () => {
    instances = await Promise.all(['one', 'two', 'three'].map(startInstance));
    balancer = await startLoadBalancer({
      services: [{ name: 'echo', instancePorts: instances.map((instance) => instance.port) }],
      checkIntervalMs: 200,
    });
  });

  afterAll(async () => {
    await balancer?.stop();
    await Promise.all(
      instances.map((instance) => new Promise((resolve) => instance.server.close(resolve))),
    );
  });

  it('spreads requests over every instance', async () => {
    expect(await answeringInstances(balancer.urls.echo!, 9)).toEqual(['one', 'three', 'two']);
  });

  it('sends no new requests to an instance that is not ready', async () => {
    instances[0]!.ready = false;
    await untilAnsweredBy(balancer.urls.echo!, (names) => !names.includes('one'));
    expect(await answeringInstances(balancer.urls.echo!, 12)).toEqual(['three', 'two']);
    instances[0]!.ready = true;
    await untilAnsweredBy(balancer.urls.echo!, (names) => names.includes('one'));
  });

  it('answers every request, POST included, when an instance stops listening before its probe fails', async () => {
    // Closed between two probes: the load balancer still lists it, connections are refused.
    await new Promise((resolve) => instances[1]!.server.close(resolve));
    expect(await answeringInstances(balancer.urls.echo!, 30)).toEqual(['one', 'three']);
  });
});
