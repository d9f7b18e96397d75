import { startServer, sendJson, type RunningServer } from './http-server';

interface StoredTrace {
  document: object;
  /** Answer 404 to this many requests first, as while the trace is being ingested. */
  notFoundFor: number;
}

/** Answers `GET /api/traces/<traceID>` as Tempo's query frontend does. */
export class FakeTempo {
  readonly requests: { path: string; accept: string | undefined }[] = [];
  private readonly traces = new Map<string, StoredTrace>();
  private server: RunningServer | undefined;

  get url(): string {
    if (!this.server) throw new Error('FakeTempo not started');
    return this.server.url;
  }

  addTrace(traceId: string, document: object, options: { notFoundFor?: number } = {}): void {
    this.traces.set(traceId, { document, notFoundFor: options.notFoundFor ?? 0 });
  }

  async start(): Promise<this> {
    this.server = await startServer((request, _body, response) => {
      const path = new URL(request.url ?? '/', 'http://tempo').pathname;
      this.requests.push({ path, accept: request.headers.accept });
      if (request.method === 'GET' && path === '/api/echo') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('echo');
        return;
      }
      const match = /^\/api\/traces\/([^/]+)$/.exec(path);
      if (request.method !== 'GET' || !match)
        return sendJson(response, 404, { error: 'not found' });
      const traceId = match[1] ?? '';
      if (!/^[0-9a-fA-F]{1,32}$/.test(traceId)) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end('invalid TraceID');
        return;
      }
      const stored = this.traces.get(traceId.toLowerCase().padStart(32, '0'));
      if (!stored || stored.notFoundFor > 0) {
        if (stored) stored.notFoundFor--;
        response.writeHead(404, { 'content-type': 'text/plain' }).end('trace not found');
        return;
      }
      sendJson(response, 200, stored.document);
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }
}
