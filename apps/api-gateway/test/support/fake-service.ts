import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as an internal service received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. `/rides/123`. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

/** What the fake answers: a JSON reply, or `hang` (never answer) to provoke a timeout. */
export type FakeReply =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';
export type FakeHandler = (request: ReceivedRequest) => FakeReply | Promise<FakeReply>;

/**
 * A real HTTP server standing in for ride-, pricing- or driver-service: records every request
 * it receives and answers with whatever the current handler says.
 */
export class FakeService {
  readonly received: ReceivedRequest[] = [];
  private handler: FakeHandler = () => ({
    status: 500,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'no handler' },
  });
  private readonly hanging = new Set<http.ServerResponse>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeService> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeService(server, `http://127.0.0.1:${port}`);
    server.on(
      'request',
      (req: http.IncomingMessage, res: http.ServerResponse) => void fake.handle(req, res),
    );
    return fake;
  }

  /** Sets how the fake answers from now on. */
  respondWith(handler: FakeHandler): void {
    this.handler = handler;
  }

  reset(): void {
    this.received.length = 0;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const request: ReceivedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
    this.received.push(request);
    const reply = await this.handler(request);
    if (reply === 'hang') {
      this.hanging.add(res);
      return;
    }
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(payload === '' ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    });
    res.end(payload);
  }
}

/** A TCP port on 127.0.0.1 with nothing listening on it (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
