import { AsyncLocalStorage } from 'node:async_hooks';
import net from 'node:net';
import type tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { socketFactoryInCreationContext } from './kafka-socket-factory';

describe('socketFactoryInCreationContext', () => {
  const request = new AsyncLocalStorage<string>();
  // A broker stand-in that answers every chunk it receives.
  const server = net.createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)));
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** Opens a socket inside request `opener`, then reports the context its data callback sees. */
  async function dataCallbackContext(
    openSocket: (onConnect: () => void) => net.Socket,
  ): Promise<string | undefined> {
    const socket = await request.run(
      'opener',
      () =>
        new Promise<net.Socket>((resolve) => {
          const opened: net.Socket = openSocket(() => resolve(opened));
        }),
    );
    try {
      const seen = new Promise<string | undefined>((resolve) =>
        socket.once('data', () => resolve(request.getStore())),
      );
      request.run('later request', () => socket.write('ping'));
      return await seen;
    } finally {
      socket.destroy();
    }
  }

  it('runs a connection callbacks in the context the factory was made in, not the opener', async () => {
    const factory = socketFactoryInCreationContext();
    // kafkajs passes no ssl options for a plaintext broker (its type says they are always there).
    const plaintext = undefined as unknown as tls.ConnectionOptions;
    const seen = await dataCallbackContext((onConnect) =>
      factory({ host: '127.0.0.1', port, ssl: plaintext, onConnect }),
    );
    expect(seen).toBeUndefined();
  });

  it('without it, they would run in the context of whoever opened the connection', async () => {
    const seen = await dataCallbackContext((onConnect) =>
      net.connect({ host: '127.0.0.1', port }, onConnect),
    );
    expect(seen).toBe('opener');
  });
});
