import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { rowCounts } from '@rideshare/system-harness';
import { getRide, postRide, rideRequest, waitForRides } from '../src/rides';
import { systemForTests } from './support/system-for-tests';

const VALID_RIDE = rideRequest(0);
const VALID_DRIVER = {
  name: 'Ada',
  vehicle: 'car',
  region: 'us-east',
  location: { lat: 40.7, lon: -74 },
};
const VALID_QUOTE = {
  vehicle: 'bike',
  region: 'eu-north',
  pickupLat: '59.3',
  pickupLon: '18.0',
  dropoffLat: '59.4',
  dropoffLon: '18.1',
};

/** Values that break a field, by what the field holds (a valid rider id may be any short text). */
const notText = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.integer(),
  fc.boolean(),
  fc.string({ minLength: 2001, maxLength: 3000 }),
  // Text PostgreSQL cannot store: NUL, unpaired surrogates, somewhere in otherwise fine text.
  fc
    .tuple(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'),
      fc.string({ maxLength: 20 }),
    )
    .map(([before, bad, after]) => `${before}${bad}${after}`),
);
const WRONG: Record<string, fc.Arbitrary<unknown>> = {
  riderId: notText,
  name: notText,
  vehicle: fc.oneof(
    fc.constant(null),
    fc.constantFrom('', 'truck', 'BIKE', "'; DROP TABLE rides; --"),
    fc.integer(),
  ),
  region: fc.oneof(
    fc.constant(null),
    fc.constantFrom('', 'mars-1', 'US-EAST', 'us-east '),
    fc.integer(),
  ),
  coordinate: fc.oneof(
    fc.constant(null),
    fc.constantFrom('', '12', 'NaN', true),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.double({ min: 181, max: 1e12, noNaN: true }),
    fc.double({ min: -1e12, max: -181, noNaN: true }),
  ),
  coordinateText: fc.constantFrom('', 'north', 'NaN', '∞', '1e999', '999', '-999', '12,5', '0x10'),
  point: fc.oneof(
    fc.constant(null),
    fc.constant({}),
    fc.string(),
    fc.integer(),
    fc.array(fc.integer(), { maxLength: 2 }),
  ),
};

function wrongFor(key: string, valid: unknown): fc.Arbitrary<unknown> {
  if (key in WRONG) return WRONG[key]!;
  if (typeof valid === 'object') return WRONG.point!;
  return typeof valid === 'string' ? WRONG.coordinateText! : WRONG.coordinate!;
}

/** A copy of `valid` with one field (possibly nested) replaced by a wrong value or removed. */
function corrupt(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const paths: Array<{ path: string[]; value: unknown }> = [];
  const walk = (value: Record<string, unknown>, prefix: string[]) => {
    for (const [key, child] of Object.entries(value)) {
      paths.push({ path: [...prefix, key], value: child });
      if (child !== null && typeof child === 'object')
        walk(child as Record<string, unknown>, [...prefix, key]);
    }
  };
  walk(valid, []);
  const mutated = fc
    .constantFrom(...paths)
    .chain(({ path, value }) =>
      fc
        .option(wrongFor(path[path.length - 1]!, value), { nil: undefined, freq: 4 })
        .map((wrong) => ({ path, wrong })),
    )
    .map(({ path, wrong }) => {
      const copy = structuredClone(valid);
      let target = copy as Record<string, unknown>;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
      const last = path[path.length - 1]!;
      if (wrong === undefined) delete target[last];
      else target[last] = wrong;
      return copy;
    });
  const notAnObject = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.string(),
    fc.array(fc.anything(), { maxLength: 3 }),
  );
  return fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: notAnObject, weight: 1 });
}

const badId = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => !/^[0-9a-f-]{36}$/i.test(s) && s.trim() !== '' && s !== '.' && s !== '..'),
  fc.constantFrom('1', 'null', '00000000-0000-0000-0000-00000000000g', `${randomUUID()}x`),
);

describe('bad input never reaches a 5xx or the database', () => {
  const answers: Array<{ endpoint: string; status: number; json: boolean }> = [];

  const sut = systemForTests({ telemetry: false });

  async function send(
    endpoint: string,
    method: string,
    path: string,
    body?: unknown,
    rawBody?: string,
  ) {
    const response = await fetch(`${sut.system.gatewayUrl}${path}`, {
      method,
      headers:
        body === undefined && rawBody === undefined ? {} : { 'content-type': 'application/json' },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let json: boolean;
    try {
      json =
        typeof JSON.parse(text) === 'object' &&
        (response.headers.get('content-type') ?? '').includes('json');
    } catch {
      json = false;
    }
    answers.push({ endpoint, status: response.status, json });
    return response.status;
  }

  it('answers 1000+ malformed requests to every gateway endpoint with a 4xx JSON error and writes nothing', async () => {
    const before = await rowCounts(sut.system.postgres.url);
    const run = (
      numRuns: number,
      property: fc.IAsyncProperty<[unknown]> | fc.IAsyncProperty<[string]>,
    ) => fc.assert(property as fc.IAsyncProperty<[unknown]>, { numRuns, seed: 20261125 });

    await run(
      300,
      fc.asyncProperty(corrupt(VALID_RIDE), async (body) => {
        expect(await send('POST /v1/rides', 'POST', '/v1/rides', body)).toBeGreaterThanOrEqual(400);
      }),
    );
    await run(
      50,
      fc.asyncProperty(
        fc.string({ maxLength: 200 }).filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        async (raw) => {
          await send('POST /v1/rides (not JSON)', 'POST', '/v1/rides', undefined, raw);
        },
      ),
    );
    await run(
      200,
      fc.asyncProperty(corrupt(VALID_QUOTE), async (query) => {
        const params = new URLSearchParams(
          query !== null && typeof query === 'object' && !Array.isArray(query)
            ? Object.entries(query).map(([k, v]): [string, string] => [
                k,
                typeof v === 'string' ? v : JSON.stringify(v),
              ])
            : [['q', String(query)]],
        );
        await send('GET /v1/quotes', 'GET', `/v1/quotes?${params}`);
      }),
    );
    await run(
      200,
      fc.asyncProperty(corrupt(VALID_DRIVER), async (body) => {
        await send('POST /v1/drivers', 'POST', '/v1/drivers', body);
      }),
    );
    await run(
      100,
      fc.asyncProperty(corrupt({ lat: 10, lon: 10 }), async (body) => {
        await send(
          'PUT /v1/drivers/:id/location',
          'PUT',
          `/v1/drivers/${randomUUID()}/location`,
          body,
        );
      }),
    );
    await run(
      50,
      fc.asyncProperty(badId, async (id) => {
        await send(
          'PUT /v1/drivers/:id/location (bad id)',
          'PUT',
          `/v1/drivers/${encodeURIComponent(id)}/location`,
          { lat: 1, lon: 1 },
        );
      }),
    );
    await run(
      50,
      fc.asyncProperty(badId, async (id) => {
        await send('GET /v1/rides/:id', 'GET', `/v1/rides/${encodeURIComponent(id)}`);
      }),
    );
    await run(
      50,
      fc.asyncProperty(badId, async (id) => {
        await send(
          'POST /v1/rides/:id/complete',
          'POST',
          `/v1/rides/${encodeURIComponent(id)}/complete`,
        );
      }),
    );
    await run(
      50,
      fc.asyncProperty(badId, async (id) => {
        await send('GET /v1/drivers/:id', 'GET', `/v1/drivers/${encodeURIComponent(id)}`);
      }),
    );
    // Oversized bodies.
    await run(
      10,
      fc.asyncProperty(fc.integer({ min: 100_000, max: 200_000 }), async (size) => {
        await send('POST /v1/rides (oversized)', 'POST', '/v1/rides', {
          ...VALID_RIDE,
          riderId: 'x'.repeat(size),
        });
      }),
    );

    expect(answers.length).toBeGreaterThanOrEqual(1000);
    const bad = answers.filter((a) => a.status < 400 || a.status >= 500 || !a.json);
    expect(bad, JSON.stringify(bad.slice(0, 10))).toEqual([]);
    expect(await rowCounts(sut.system.postgres.url)).toEqual(before);
  });

  it('dead-letters malformed and oversized events on every consumed topic and keeps consuming', async () => {
    const kafka = new Kafka({
      clientId: 'bad-input-test',
      brokers: [sut.system.kafka.brokers],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const consumers: Record<string, string[]> = {
      'ride.requested': ['driver-service', 'pricing-service'],
      'ride.completed': ['driver-service', 'pricing-service'],
      'driver.assigned': ['ride-service'],
      'ride.unassigned': ['ride-service'],
    };
    const envelope = (type: string, data: unknown) =>
      JSON.stringify({
        id: randomUUID(),
        type,
        version: 1,
        occurredAt: new Date().toISOString(),
        data,
      });
    const payloads = (topic: string) => [
      'not json at all',
      '{"truncated": ',
      JSON.stringify({ hello: 'world' }),
      envelope(topic, { rideId: 'not-a-uuid' }),
      envelope('some.other.type', {}),
      envelope(topic, { rideId: randomUUID(), padding: 'x'.repeat(300_000) }),
    ];
    const sent: Array<{ testId: string; topic: string }> = [];
    for (const topic of Object.keys(consumers)) {
      const messages = payloads(topic).map((value) => {
        const testId = randomUUID();
        sent.push({ testId, topic });
        return { key: testId, value, headers: { 'test-id': testId } };
      });
      await producer.send({ topic, messages });
    }

    // A good ride still goes all the way: ride.requested -> driver-service -> driver.assigned -> ride-service.
    const created = await postRide(sut.system.gatewayUrl, rideRequest(3));
    expect(created.status).toBe(202);
    const id = (created.body as { id: string }).id;
    await waitForRides(sut.system.gatewayUrl, [id], (ride) => ride.status !== 'REQUESTED');
    expect((await getRide(sut.system.gatewayUrl, id)).status).toBe('ASSIGNED');

    const expected = sent.flatMap(({ testId, topic }) =>
      consumers[topic]!.map((group) => `${testId}|${topic}|${group}`),
    );
    const seen = new Set<string>();
    const consumer = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: 'rideshare.dlq', fromBeginning: true });
    const header = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString();
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.add(
          `${header(message.headers, 'test-id')}|${header(message.headers, 'dlq-original-topic')}|${header(message.headers, 'dlq-consumer-group')}`,
        );
        expect(header(message.headers, 'dlq-reason')).toBeTruthy();
      },
    });
    await expect
      .poll(() => expected.filter((key) => !seen.has(key)), { timeout: 60_000, interval: 500 })
      .toEqual([]);
    await consumer.disconnect();
    await producer.disconnect();
  });
});
