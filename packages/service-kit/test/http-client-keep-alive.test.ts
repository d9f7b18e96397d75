import { Worker } from 'node:worker_threads';
import { Quote } from '@rideshare/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpClient } from '../src';

// The downstream runs in a worker thread, with an event loop of its own, so that it can close a
// connection while this thread is busy and has not yet seen the close, as a loaded service does.
// Shared flags: [0] the number of connections the server closed, [1] "close it now".
const SERVER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const flags = workerData.flags;
const quote = JSON.stringify({ vehicle: 'car', region: 'us-east', distanceKm: 3.2, etaSeconds: 400,
  surgeMultiplier: 1, amountCents: 900, currency: 'USD' });
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(quote);
  // Like the server's keep-alive timeout firing on an idle connection: destroy it, no warning.
  res.on('finish', async () => {
    await Atomics.waitAsync(flags, 1, 0).value;
    Atomics.store(flags, 1, 0);
    req.socket.once('close', () => { Atomics.add(flags, 0, 1); Atomics.notify(flags, 0); });
    req.socket.destroy();
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;

const flags = new Int32Array(new SharedArrayBuffer(8));
let worker: Worker;
let baseUrl: string;

beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true, workerData: { flags } });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  worker.postMessage('stop');
  await new Promise((resolve) => worker.once('exit', resolve));
});

it('sends a request again when its pooled connection was closed by the server while idle', async () => {
  const client = createHttpClient({ baseUrl, service: 'pricing-service' });
  try {
    await client.get('/quote', Quote);
    // The connection is back in the pool. Let the server close it and block this thread until it
    // has: the close is on the wire, but this thread has not read it yet.
    Atomics.store(flags, 1, 1);
    Atomics.notify(flags, 1);
    // ('not-equal' when the close came before this thread got to wait.)
    expect(Atomics.wait(flags, 0, 0, 30_000)).not.toBe('timed-out');
    expect(Atomics.load(flags, 0)).toBe(1);
    // Still in the same turn: the pool hands out the connection it believes alive.
    const quote = await client.get('/quote', Quote);
    expect(quote.amountCents).toBe(900);
  } finally {
    client.close();
  }
});
