import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { decodeOtlpTraces, type ReceivedSpan } from './otlp';

/** One Pyroscope push request as the fake server received and decoded it. */
export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  series: Array<{
    labels: Array<{ name: string; value: string }>;
    samples: Array<{ ID: string; profile: Profile }>;
  }>;
}

export interface FakeBackends {
  /** Base URL for both PYROSCOPE_SERVER_ADDRESS and OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  pushes: ReceivedPush[];
  spans: ReceivedSpan[];
  otlpContentTypes: string[];
  close(): Promise<void>;
}

interface PushBody {
  series: Array<{
    labels: Array<{ name: string; value: string }>;
    samples: Array<{ ID: string; rawProfile: string }>;
  }>;
}

/**
 * A local HTTP server standing in for Pyroscope (Connect push API) and an
 * OTLP/HTTP trace receiver; it decodes the real bytes it is sent.
 */
export async function startFakeBackends(): Promise<FakeBackends> {
  const pushes: ReceivedPush[] = [];
  const spans: ReceivedSpan[] = [];
  const otlpContentTypes: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = request.url ?? '';
      try {
        if (request.method === 'POST' && path === '/v1/traces') {
          const contentType = request.headers['content-type'] ?? '';
          otlpContentTypes.push(contentType);
          spans.push(...decodeOtlpTraces(body, contentType));
          response.writeHead(200, { 'content-type': contentType }).end();
          return;
        }
        if (request.method === 'POST' && path.startsWith('/push.v1.PusherService/Push')) {
          const push = JSON.parse(body.toString('utf8')) as PushBody;
          pushes.push({
            path,
            headers: request.headers,
            series: push.series.map((series) => ({
              labels: series.labels,
              samples: series.samples.map((sample) => ({
                ID: sample.ID,
                profile: Profile.decode(gunzipSync(Buffer.from(sample.rawProfile, 'base64'))),
              })),
            })),
          });
          response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        response.writeHead(404).end();
      } catch (error) {
        response.writeHead(400).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pushes,
    spans,
    otlpContentTypes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
