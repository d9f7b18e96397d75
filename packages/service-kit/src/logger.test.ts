import { trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { context } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureJsonLines } from '../test/support';
import { createLogger } from './logger';

describe('createLogger', () => {
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new TracerProvider());
  });

  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('writes JSON with trace_id and span_id of the active span, across await', async () => {
    const output = captureJsonLines();
    const logger = createLogger({ level: 'info', service: 'test-service' }, output.stream);
    const tracer = trace.getTracer('test');
    let ids = { traceId: '', spanId: '' };
    await tracer.startActiveSpan('work', async (span) => {
      ids = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info({ rideId: 'r1' }, 'inside');
      span.end();
    });
    logger.info('outside');

    const [inside, outside] = output.lines();
    expect(inside).toMatchObject({
      level: 'info',
      msg: 'inside',
      service: 'test-service',
      rideId: 'r1',
      trace_id: ids.traceId,
      span_id: ids.spanId,
      trace_flags: '01',
    });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof inside?.time).toBe('string');
    expect(outside?.msg).toBe('outside');
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('span_id');
  });

  it('respects the level', () => {
    const output = captureJsonLines();
    const logger = createLogger({ level: 'warn' }, output.stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(output.lines().map((line) => line.msg)).toEqual(['shown']);
  });
});
