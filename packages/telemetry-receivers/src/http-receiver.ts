import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver read it, body whole. */
export interface ReceivedRequest {
  method: string;
  /** The request target as sent, e.g. `/v1/traces`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  /** 200 unless set. */
  status?: number;
  contentType?: string;
  body?: string | Uint8Array;
}

/** Answers one request; a thrown error becomes a 400 carrying its message. */
export type RequestHandler = (request: ReceivedRequest) => Reply;

export interface HttpReceiver {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** A loopback HTTP server on a free port that reads each request body whole and hands it to `handle`. */
export async function startHttpReceiver(handle: RequestHandler): Promise<HttpReceiver> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let reply: Reply;
      try {
        reply = handle({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          headers: request.headers,
          body: Buffer.concat(chunks),
        });
      } catch (error) {
        reply = { status: 400, contentType: 'text/plain', body: String(error) };
      }
      const headers = reply.contentType ? { 'content-type': reply.contentType } : {};
      response.writeHead(reply.status ?? 200, headers).end(reply.body);
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

/** Routes `POST <path>` to its handler; anything else is a 404. */
export function postRoutes(routes: Record<string, RequestHandler>): RequestHandler {
  return (request) => {
    const handler =
      request.method === 'POST' && Object.hasOwn(routes, request.path)
        ? routes[request.path]
        : undefined;
    return handler ? handler(request) : { status: 404 };
  };
}
