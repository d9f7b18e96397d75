import http from 'node:http';
import { REGION_CENTERS, type Region } from '@rideshare/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '@rideshare/system-harness';
import { waitForRides } from '../src/rides.js';
import {
  linkValue,
  OpenApiContract,
  requestPath,
  type ApiAnswer,
  type ApiRequest,
  type OpenApiDocument,
  type Operation,
} from './support/openapi-contract.mjs';

// The contract is the document the gateway publishes at /docs-json: requests generated from it,
// valid and invalid, single and following its links, against the four services on real
// PostgreSQL and Kafka. No answer may be a 5xx, and every answer must be what the document says.

let system: RunningSystem;
let contract: OpenApiContract;
/** Every answer that broke the document, with the request that got it. */
const violations: string[] = [];
const statuses: Record<string, number> = {};

beforeAll(async () => {
  system = await startSystem({
    telemetry: false,
    // Enough drivers that every generated ride can be assigned.
    env: { 'driver-service': { DRIVERS_PER_REGION_VEHICLE: '60' } },
  });
  const response = await fetch(`${system.gatewayUrl}/docs-json`);
  expect(response.status).toBe(200);
  contract = new OpenApiContract((await response.json()) as OpenApiDocument, 20261202);
});

afterAll(async () => {
  await system?.stop();
});

async function call(request: ApiRequest): Promise<ApiAnswer> {
  const { operation } = request;
  const response = await fetch(`${system.gatewayUrl}${requestPath(request)}`, {
    method: operation.method.toUpperCase(),
    headers: {
      ...request.headers,
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text: the conformance check reports it.
  }
  const answer = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body,
  };
  const key = `${operation.id} ${answer.status}`;
  statuses[key] = (statuses[key] ?? 0) + 1;
  for (const violation of contract.violations(operation, answer))
    violations.push(`${violation}\n  request: ${describeRequest(request)}`);
  return answer;
}

function describeRequest(request: ApiRequest): string {
  return JSON.stringify({
    path: requestPath(request),
    headers: request.headers,
    body: request.body,
  });
}

/** Follows every link the document declares on this answer, and checks each target's answer. */
async function followLinks(operation: Operation, answer: ApiAnswer): Promise<void> {
  for (const link of operation.links(answer.status)) {
    const target = contract.operation(link.operationId);
    const fixed = Object.fromEntries(
      Object.entries(link.parameters).map(([name, expression]) => [
        name,
        linkValue(expression, answer.body),
      ]),
    );
    await call(contract.validRequest(target, fixed));
  }
}

describe('requests generated from the published OpenAPI document', () => {
  it('valid single calls to every operation: never a 5xx or a 400, always what the document says', async () => {
    for (const operation of contract.operations) {
      for (let i = 0; i < 25; i++) {
        const request = contract.validRequest(operation);
        const answer = await call(request);
        // Valid by the document means valid: the gateway may not be stricter than it declares.
        // 404 (no such id) and 422 (a generated key met again) are answers the document allows.
        if ([400, 405, 415].includes(answer.status))
          violations.push(
            `${operation.id}: a request valid by the document got ${answer.status} ${JSON.stringify(answer.body)}\n  request: ${describeRequest(request)}`,
          );
        if (answer.status < 300) await followLinks(operation, answer);
      }
    }
    expect(violations).toEqual([]);
    expect(Object.keys(statuses).filter((key) => / 5\d\d$/.test(key))).toEqual([]);
  });

  it('each declared constraint broken, one at a time: a 400 naming the field, as documented', async () => {
    let sent = 0;
    for (const operation of contract.operations) {
      for (const { broken, request } of contract.invalidRequests(operation)) {
        const answer = await call(request);
        sent++;
        if (answer.status !== 400)
          violations.push(`${operation.id} with ${broken}: ${answer.status} instead of 400`);
      }
    }
    expect(sent).toBeGreaterThan(60);
    expect(violations).toEqual([]);
  });

  it('stateful: create -> get -> complete -> complete again, following the links', async () => {
    const createRide = contract.operation('createRide');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      // Generated, then placed in its region's city so the ride is an ordinary one.
      const request = contract.validRequest(createRide);
      const body = request.body as { region: Region };
      const center = REGION_CENTERS[body.region];
      request.body = {
        ...body,
        pickup: { lat: center.lat + i * 0.001, lon: center.lon },
        dropoff: { lat: center.lat + 0.02, lon: center.lon + 0.02 },
      };
      const created = await call(request);
      expect(created.status).toBe(202);
      // get, and complete: 409 while the ride is REQUESTED, 200 if a driver was already assigned.
      await followLinks(createRide, created);
      ids.push((created.body as { id: string }).id);
    }
    const rides = await waitForRides(system.gatewayUrl, ids, (ride) => ride.status !== 'REQUESTED');
    const completeRide = contract.operation('completeRide');
    for (const id of ids) {
      const first = await call(contract.validRequest(completeRide, { id }));
      // ASSIGNED completes; COMPLETED (by a link followed above) comes back unchanged.
      const completable = ['ASSIGNED', 'COMPLETED'].includes(rides.get(id)?.status ?? '');
      expect(first.status, JSON.stringify(first.body)).toBe(completable ? 200 : 409);
      await followLinks(completeRide, first);
      // Completing is idempotent: a COMPLETED ride comes back unchanged, a NO_DRIVER one is 409 again.
      const again = await call(contract.validRequest(completeRide, { id }));
      expect(again.status).toBe(first.status);
      if (first.status === 200) expect(again.body).toEqual(first.body);
    }
    // At least one ride was matched with a driver, so the 200 path ran too.
    expect(
      [...rides.values()].filter((ride) => ride.status !== 'NO_DRIVER').length,
    ).toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('stateful: create a driver -> get -> move, following the links', async () => {
    const createDriver = contract.operation('createDriver');
    for (let i = 0; i < 5; i++) {
      const created = await call(contract.validRequest(createDriver));
      expect(created.status).toBe(201);
      await followLinks(createDriver, created);
    }
    expect(violations).toEqual([]);
  });
});

describe('what the document does not declare', () => {
  it('a method not listed for a path gets 405 with the listed ones in Allow', async () => {
    for (const operation of contract.operations) {
      const path = operation.path.replace('{id}', '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f');
      const allowed = contract.methodsOf(operation.path);
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'].filter(
        (m) => !allowed.includes(m),
      )) {
        const answer = await rawRequest(method, path);
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(
          answer.allow
            ?.split(', ')
            .filter((m) => m !== 'HEAD')
            .sort(),
        ).toEqual([...allowed].sort());
        expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 405, issues: [] });
      }
    }
  });

  it('a body that is not JSON gets 415, JSON that is not an object a 400 saying so', async () => {
    const createDriver = contract.operation('createDriver');
    const text = await rawRequest('POST', createDriver.path, 'name=Ada', 'text/plain');
    expect(text.status).toBe(415);
    expect(contract.violations(createDriver, { ...text, body: JSON.parse(text.body) })).toEqual([]);
    const nul = await rawRequest('POST', createDriver.path, 'null', 'application/json');
    expect(nul.status).toBe(400);
    expect(JSON.parse(nul.body)).toMatchObject({
      issues: [{ path: '', message: expect.stringContaining('expected object') }],
    });
  });
});

describe('internal services defend themselves', () => {
  it('a value that gets past the gateway is a 400 from the service, not a 5xx', async () => {
    const ride = {
      riderId: 'r\u0000',
      vehicle: 'car',
      region: 'us-east',
      pickup: { lat: 40.7, lon: -74 },
      dropoff: { lat: 40.8, lon: -73.9 },
    };
    const driver = { name: 'A\ud800', vehicle: 'car', region: 'us-east', location: ride.pickup };
    const quote = { vehicle: 'car', region: 'us-east', pickup: ride.pickup, dropoff: ride.dropoff };
    const cases: Array<[string, unknown, string]> = [
      [`${system.services['ride-service'].url}/rides`, ride, 'riderId'],
      [
        `${system.services['ride-service'].url}/rides`,
        { ...ride, riderId: 'r', idempotencyKey: 'k\u0000' },
        'idempotencyKey',
      ],
      [`${system.services['driver-service'].url}/drivers`, driver, 'name'],
      [`${system.services['pricing-service'].url}/quotes`, { ...quote, surge: 9 }, ''],
    ];
    for (const [url, body, field] of cases) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, url).toBe(400);
      const json = (await response.json()) as { issues: Array<{ path: string }> };
      expect(json.issues.map((issue) => issue.path)).toContain(field);
    }
  });
});

afterAll(() => {
  // Which statuses each operation got, for the log of a run.
  console.info(JSON.stringify(statuses));
});

/** node:http, since fetch refuses TRACE. */
function rawRequest(
  method: string,
  path: string,
  body?: string,
  contentType?: string,
): Promise<{ status: number; contentType: string; allow: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${system.gatewayUrl}${path}`,
      { method, headers: contentType ? { 'content-type': contentType } : {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'] ?? '',
            allow: response.headers.allow,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
