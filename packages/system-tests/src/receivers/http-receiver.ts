import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpReceiver {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export type BodyHandler = (path: string, body: Buffer, request: IncomingMessage) => unknown;

/**
 * A loopback HTTP server that reads each POST body whole and hands it to `handle`; the value
 * returned is sent back as JSON (status 200), a thrown error becomes a 400.
 */
export async function startHttpReceiver(handle: BodyHandler): Promise<HttpReceiver> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const answer = handle(request.url ?? '/', Buffer.concat(chunks), request);
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(answer ?? {}));
      } catch (error) {
        response
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: String(error) }));
      }
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
