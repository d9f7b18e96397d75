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

/** A port on 127.0.0.1 that nothing listens on right now. */
export function findFreePort(): Promise<number> {
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
