import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { QuoteRequest, type Quote } from '@rideshare/contracts';

/**
 * A stand-in for pricing-service over real HTTP: `POST /quotes` answers a fare of
 * 1000 + 100 per whole degree of latitude travelled, or whatever `respond` says.
 */
export interface FakePricing {
  url: string;
  requests: Array<{ body: unknown; headers: http.IncomingHttpHeaders }>;
  /** Override the answer: status + body. */
  respond: ((request: QuoteRequest) => { status: number; body: unknown }) | undefined;
  close(): Promise<void>;
}

export function quoteFor(request: QuoteRequest): Quote {
  return {
    vehicle: request.vehicle,
    region: request.region,
    distanceKm: 5,
    etaSeconds: 300,
    surgeMultiplier: 1,
    amountCents: 1000 + 100 * Math.floor(Math.abs(request.dropoff.lat - request.pickup.lat)),
    currency: 'USD',
  };
}

export async function startFakePricing(): Promise<FakePricing> {
  const fake: FakePricing = { url: '', requests: [], respond: undefined, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString() || 'null');
      fake.requests.push({ body, headers: req.headers });
      const parsed = QuoteRequest.safeParse(body);
      const answer =
        req.method !== 'POST' || req.url !== '/quotes'
          ? { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'no such route' } }
          : !parsed.success
            ? {
                status: 400,
                body: { statusCode: 400, error: 'Bad Request', message: 'invalid quote request' },
              }
            : (fake.respond?.(parsed.data) ?? { status: 200, body: quoteFor(parsed.data) });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return fake;
}
