import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { spreadingLookup } from './spreading-lookup';

const INSTANCES: LookupAddress[] = [
  { address: '172.18.0.5', family: 4 },
  { address: '172.18.0.6', family: 4 },
  { address: '172.18.0.7', family: 4 },
];

function resolveOnce(lookup: ReturnType<typeof spreadingLookup>): Promise<string> {
  return new Promise((resolve, reject) =>
    lookup('ride-service', {}, (error, address) =>
      error ? reject(error) : resolve(address as string),
    ),
  );
}

describe('spreadingLookup', () => {
  it('connects to every address a scaled service name resolves to, not only the first', async () => {
    const lookup = spreadingLookup((_hostname, options, callback) => {
      expect(options.all).toBe(true);
      callback(null, INSTANCES);
    });
    const picked = new Set<string>();
    for (let i = 0; i < 200; i++) picked.add(await resolveOnce(lookup));
    expect([...picked].sort()).toEqual(INSTANCES.map((instance) => instance.address));
  });

  it('passes a resolver error on', async () => {
    const lookup = spreadingLookup((_hostname, _options, callback) =>
      callback(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []),
    );
    await expect(resolveOnce(lookup)).rejects.toThrow('ENOTFOUND');
  });
});
