import fs from 'node:fs';
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
    hint: string,
  ) {
    super(`${what}: port ${port} on ${LOOPBACK} is already in use (${hint})`);
    this.name = 'PortInUseError';
  }
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** Where the kernel takes the local ports of outgoing connections from (Linux; a default elsewhere). */
export function ephemeralPortRange(
  file = '/proc/sys/net/ipv4/ip_local_port_range',
): [number, number] {
  try {
    const [low, high] = fs.readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low!, high!];
  } catch {
    // not Linux: the IANA range
  }
  return [49152, 65535];
}

const LOWEST_PICKED_PORT = 10_000;
/** Ports this process handed out already: two callers never get the same one. */
const handedOut = new Set<number>();

/**
 * A port on 127.0.0.1 that nothing listens on right now, picked below the ephemeral range: a
 * port from that range (what `listen(0)` gives) can be taken by any outgoing connection between
 * this check and the moment a server (Kafka's JVM, seconds later) binds it.
 */
export async function findFreePort(): Promise<number> {
  const [ephemeralLow] = ephemeralPortRange();
  const span = ephemeralLow - LOWEST_PICKED_PORT;
  for (let attempt = 0; span > 0 && attempt < 50; attempt++) {
    const port = LOWEST_PICKED_PORT + Math.floor(Math.random() * span);
    if (handedOut.has(port)) continue;
    try {
      await listenOnce(port);
      handedOut.add(port);
      return port;
    } catch {
      // taken: try another
    }
  }
  return listenOnce(0);
}

/** Throws a PortInUseError naming `what` when something already listens on `port`. */
export async function assertPortFree(port: number, what: string, hint: string): Promise<void> {
  try {
    await listenOnce(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(port, what, hint);
    }
    throw error;
  }
}
