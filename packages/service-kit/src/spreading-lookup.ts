import dns from 'node:dns';
import type { LookupFunction } from 'node:net';

type LookupAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for HTTP agents that picks one of all the addresses a name resolves to, at random,
 * for each new connection. A service scaled behind one DNS name (Docker Compose `--scale`, a
 * headless Kubernetes Service) resolves to every instance; the system resolver's first answer is
 * often the same one, which would send every connection to a single instance.
 */
export function spreadingLookup(lookupAll: LookupAll = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    lookupAll(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const picked = addresses[Math.floor(Math.random() * addresses.length)];
      if (!picked) return callback(new Error(`${hostname} resolved to no address`), '', 0);
      if (options.all) return callback(null, [picked]);
      callback(null, picked.address, picked.family);
    });
  };
}
