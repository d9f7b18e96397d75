import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@rideshare/system-harness';
import { residentSetBytes, startSystem, type RunningSystem } from '@rideshare/system-harness';
import { isTerminal, postRides, waitForRides } from '../src/rides';

/** Accepts TCP connections and never answers. */
async function startBlackHole(): Promise<{ url: string; server: Server }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('telemetry backends down for the whole run', () => {
  let system: RunningSystem;
  let blackHole: { url: string; server: Server };

  beforeAll(async () => {
    blackHole = await startBlackHole();
    const refused = `http://127.0.0.1:${await freePort()}`;
    // Half the services send to a port that refuses connections, half to one that never answers.
    const dead = { OTEL_EXPORTER_OTLP_ENDPOINT: refused, PYROSCOPE_SERVER_ADDRESS: refused };
    const hanging = {
      OTEL_EXPORTER_OTLP_ENDPOINT: blackHole.url,
      PYROSCOPE_SERVER_ADDRESS: blackHole.url,
    };
    system = await startSystem({
      telemetry: true,
      env: {
        'api-gateway': dead,
        'pricing-service': dead,
        'ride-service': hanging,
        'driver-service': { ...hanging, DRIVERS_PER_REGION_VEHICLE: '30' },
      },
    });
  });

  afterAll(async () => {
    await system?.stop();
    blackHole?.server.close();
  });

  it('serves every request and keeps service memory bounded', async () => {
    const rounds = 6;
    const rss: Record<string, number[]> = {};
    for (let round = 0; round < rounds; round++) {
      const posted = await postRides(system.gatewayUrl, 60, { concurrency: 10 });
      expect(posted.rejected).toEqual([]);
      const rides = await waitForRides(system.gatewayUrl, posted.accepted, isTerminal, 120_000);
      expect(rides.size).toBe(60);
      for (const service of Object.values(system.services)) {
        (rss[service.name] ??= []).push(residentSetBytes(service.pid) ?? 0);
      }
    }
    // Memory may grow while the process warms up, but not keep growing: the last rounds stay
    // within a generous margin of the middle ones (unbounded queues would grow with every round).
    for (const [service, samples] of Object.entries(rss)) {
      const middle = Math.max(...samples.slice(1, 3));
      const last = Math.max(...samples.slice(-2));
      expect(
        last,
        `${service} RSS ${samples.map((b) => Math.round(b / 2 ** 20)).join(' -> ')} MiB`,
      ).toBeLessThan(middle * 1.5);
    }
  });
});
