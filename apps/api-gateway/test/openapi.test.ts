import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestGateway } from './support/test-gateway';

interface OpenApiOperation {
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    schema?: Record<string, unknown>;
  }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<
      string,
      { properties?: Record<string, Record<string, unknown>>; required?: string[] }
    >;
  };
}

const ROUTES: Array<[path: string, method: string, success: string]> = [
  ['/v1/rides', 'post', '202'],
  ['/v1/rides/{id}', 'get', '200'],
  ['/v1/rides/{id}/complete', 'post', '200'],
  ['/v1/quotes', 'get', '200'],
  ['/v1/drivers', 'post', '201'],
  ['/v1/drivers/{id}/location', 'put', '200'],
  ['/v1/drivers/{id}', 'get', '200'],
];

let gateway: TestGateway;
let document: OpenApiDocument;

beforeAll(async () => {
  gateway = await TestGateway.start();
  const response = await gateway.request('GET', '/docs-json');
  expect(response.status).toBe(200);
  document = response.body as OpenApiDocument;
});
afterAll(async () => {
  await gateway?.close();
});

describe('OpenAPI document at /docs-json', () => {
  it('is OpenAPI 3', () => {
    expect(document.openapi).toMatch(/^3\./);
  });

  it.each(ROUTES)(
    'documents %s %s with its %s response and the JSON error body',
    (path, method, success) => {
      const operation = document.paths[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(Object.keys(operation!.responses)).toEqual(
        expect.arrayContaining([success, '502', '503']),
      );
      expect(operation!.responses['503']).toHaveProperty(['headers', 'Retry-After']);
    },
  );

  it('documents nothing else under /v1', () => {
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      );
    expect(documented.sort()).toEqual(ROUTES.map(([path, method]) => `${method} ${path}`).sort());
  });

  it('derives the ride request schema from the zod contract', () => {
    const schema = document.components.schemas.CreateRideRequest;
    expect(schema?.required).toEqual(
      expect.arrayContaining(['riderId', 'vehicle', 'region', 'pickup', 'dropoff']),
    );
    expect(schema?.properties?.riderId).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 64,
    });
    expect(schema?.properties?.vehicle).toMatchObject({ enum: ['bike', 'scooter', 'car'] });
    expect(schema?.properties?.region).toMatchObject({ enum: ['us-east', 'eu-north', 'ap-south'] });
  });

  it('documents the Idempotency-Key header and the quote query parameters', () => {
    const createRide = document.paths['/v1/rides']!.post!;
    expect(createRide.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
    expect(Object.keys(createRide.responses)).toContain('422');
    const quoteParameters = document.paths['/v1/quotes']!.get!.parameters ?? [];
    expect(
      quoteParameters
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name)
        .sort(),
    ).toEqual(['dropoffLat', 'dropoffLon', 'pickupLat', 'pickupLon', 'region', 'vehicle']);
  });

  it('declares every constraint the gateway enforces on parameters', () => {
    const header = document.paths['/v1/rides']!.post!.parameters?.find(
      (parameter) => parameter.name === 'Idempotency-Key',
    );
    expect(header?.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 128 });
    const quote = Object.fromEntries(
      (document.paths['/v1/quotes']!.get!.parameters ?? []).map((p) => [p.name, p.schema]),
    );
    expect(quote.pickupLat).toEqual({ type: 'number', minimum: -90, maximum: 90 });
    expect(quote.dropoffLon).toEqual({ type: 'number', minimum: -180, maximum: 180 });
  });

  it('declares that request bodies refuse unknown fields and unstorable text', () => {
    for (const name of ['CreateRideRequest', 'CreateDriverRequest', 'UpdateLocationRequest'])
      expect(document.components.schemas[name], name).toMatchObject({
        additionalProperties: false,
      });
    const riderId = document.components.schemas.CreateRideRequest?.properties?.riderId;
    expect(riderId?.pattern).toBe('^[^\\u0000\\uD800-\\uDFFF]*$');
    expect(document.components.schemas.CreateRideRequest?.properties?.pickup).toMatchObject({
      additionalProperties: false,
    });
  });

  it.each([
    ['/v1/rides', 'post'],
    ['/v1/drivers', 'post'],
    ['/v1/drivers/{id}/location', 'put'],
  ])('documents 400, 413 and 415 with the error body on %s %s', (path, method) => {
    const responses = document.paths[path]![method]!.responses as Record<
      string,
      { content?: Record<string, { schema?: { $ref?: string } }> }
    >;
    for (const status of ['400', '413', '415'])
      expect(responses[status]?.content?.['application/json']?.schema?.$ref, status).toBe(
        '#/components/schemas/Error_Output',
      );
  });

  it('links an answer holding a ride to the operations on that ride', () => {
    const created = document.paths['/v1/rides']!.post!.responses['202'] as {
      links?: Record<string, { operationId: string; parameters: Record<string, string> }>;
    };
    expect(created.links).toEqual({
      getRide: { operationId: 'getRide', parameters: { id: '$response.body#/id' } },
      completeRide: { operationId: 'completeRide', parameters: { id: '$response.body#/id' } },
    });
    const operationIds = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((operation) => (operation as { operationId?: string }).operationId),
    );
    expect(operationIds).toEqual(expect.arrayContaining(['getRide', 'completeRide', 'getDriver']));
  });

  it('documents the uuid path parameter', () => {
    const parameters = document.paths['/v1/rides/{id}']!.get!.parameters ?? [];
    expect(parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]),
    );
  });
});

describe('Swagger UI at /docs', () => {
  it('serves the UI page', async () => {
    const response = await gateway.request('GET', '/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(String(response.body)).toContain('swagger-ui');
  });
});
