import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { RPCType, setRPCMetadata, type RPCMetadata } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportHttpRoute } from './http-route.interceptor';

function requestContext() {
  const span = { updateName: vi.fn() };
  const metadata = { type: RPCType.HTTP, span } as unknown as RPCMetadata;
  const ctx = setRPCMetadata(
    trace.setSpan(
      ROOT_CONTEXT,
      trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 }),
    ),
    metadata,
  );
  return { span, metadata, ctx };
}

describe('reportHttpRoute', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  afterAll(() => {
    context.disable();
  });

  it("hands the matched route to the request's metadata and names its server span", () => {
    const { span, metadata, ctx } = requestContext();
    context.with(ctx, () =>
      reportHttpRoute({ method: 'POST', route: { path: '/v1/rides/:id/complete' } }),
    );
    expect(metadata.route).toBe('/v1/rides/:id/complete');
    expect(span.updateName).toHaveBeenCalledWith('POST /v1/rides/:id/complete');
  });

  it('keeps the first route it was given', () => {
    const { metadata, ctx } = requestContext();
    context.with(ctx, () => {
      reportHttpRoute({ method: 'GET', route: { path: '/v1/rides/:id' } });
      reportHttpRoute({ method: 'GET', route: { path: '/other' } });
    });
    expect(metadata.route).toBe('/v1/rides/:id');
  });

  it('does nothing without a matched route or outside a traced request', () => {
    const { span, metadata, ctx } = requestContext();
    context.with(ctx, () => reportHttpRoute({ method: 'GET' }));
    expect(metadata.route).toBeUndefined();
    expect(span.updateName).not.toHaveBeenCalled();
    expect(() => reportHttpRoute({ method: 'GET', route: { path: '/v1/rides' } })).not.toThrow();
  });
});
