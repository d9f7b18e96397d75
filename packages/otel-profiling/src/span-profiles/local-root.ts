import { isSpanContextValid, type SpanContext } from '@opentelemetry/api';

/**
 * A local root is the first span of a trace inside this process: it has no
 * parent, or its parent came from another process (extracted from HTTP or
 * Kafka headers, so `isRemote` is set).
 */
export function isLocalRoot(span: { parentSpanContext?: SpanContext }): boolean {
  const parent = span.parentSpanContext;
  return parent === undefined || !isSpanContextValid(parent) || parent.isRemote === true;
}
