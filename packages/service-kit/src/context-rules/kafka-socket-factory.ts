import { AsyncLocalStorage } from 'node:async_hooks';
import net from 'node:net';
import tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

// What kafkajs' own socket factory uses.
const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * kafkajs' socket factory, except that every broker connection is opened in the async context
 * the Kafka client was created in (start-up), even when kafkajs opens it lazily inside a send.
 * A socket's callbacks run in the context it was connected in: without this, the handling of
 * every later response on a connection would belong to the span (and carry the profiler labels)
 * of the send that happened to open it. Callers still continue in their own context, since
 * kafkajs answers them through promises.
 */
export function socketFactoryInCreationContext(): ISocketFactory {
  const inCreationContext = AsyncLocalStorage.snapshot();
  return ({ host, port, ssl, onConnect }) =>
    inCreationContext(() => {
      const socket = ssl
        ? tls.connect(
            { host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl },
            onConnect,
          )
        : net.connect({ host, port }, onConnect);
      socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
      return socket;
    });
}
