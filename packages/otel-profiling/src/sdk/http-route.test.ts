import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { getRPCMetadata, RPCType, setRPCMetadata, type RPCMetadata } from '@opentelemetry/core';
import { TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { HttpRouteProcessor } from './http-route';

function setup() {
  const provider = new TracerProvider({ spanProcessors: [new HttpRouteProcessor()] });
  const tracer = provider.getTracer('test');
  const server = tracer.startSpan('POST', { attributes: { 'http.method': 'POST' } });
  const request: RPCMetadata = { type: RPCType.HTTP, span: server };
  const requestContext = setRPCMetadata(trace.setSpan(ROOT_CONTEXT, server), request);
  return { tracer, server, request, requestContext };
}

describe('HttpRouteProcessor', () => {
  it("hands the framework span's http.route to the HTTP request it runs in, and names its span", () => {
    const { tracer, server, request, requestContext } = setup();
    tracer.startSpan(
      'RidesController.get',
      { attributes: { 'http.route': '/v1/rides/:id' } },
      requestContext,
    );
    expect(getRPCMetadata(requestContext)).toBe(request);
    expect(request.route).toBe('/v1/rides/:id');
    server.end();
    expect((server as unknown as ReadableSpan).name).toBe('POST /v1/rides/:id');
  });

  it('keeps the first route and ignores spans without one', () => {
    const { tracer, request, requestContext } = setup();
    tracer.startSpan('pg.query', {}, requestContext);
    expect(request.route).toBeUndefined();
    tracer.startSpan('outer', { attributes: { 'http.route': '/v1/rides' } }, requestContext);
    tracer.startSpan('inner', { attributes: { 'http.route': '/other' } }, requestContext);
    expect(request.route).toBe('/v1/rides');
  });

  it('does nothing outside an HTTP request', () => {
    const { tracer } = setup();
    expect(() =>
      tracer.startSpan('job', { attributes: { 'http.route': '/x' } }, ROOT_CONTEXT),
    ).not.toThrow();
  });
});
