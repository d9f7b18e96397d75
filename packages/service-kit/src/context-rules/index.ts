/**
 * The async-context rules a service must keep, in one place (see the README, "Context rules").
 *
 * 1. Work keeps the context (trace and profiler labels) of the request it serves. A socket's
 *    callbacks run in the context it was connected in, so a connection a pool opens lazily
 *    inside one request would bill every later request's answers to that first one: pooled
 *    connections are opened in their owner's context (start-up) and their answers are handled
 *    in the context of the query they answer (`poolServingInCallerContext`,
 *    `socketFactoryInCreationContext`); a callback handed to a shared resource is bound to its
 *    caller (`AsyncResource.bind`).
 * 2. Background work runs in no request: timers and loops started by shared components are
 *    started from the owner's context, and housekeeping runs with tracing suppressed
 *    (`withoutTracing`).
 * 3. A transaction that stored events wakes the outbox relay when it commits, so the events are
 *    published now and not at the next poll (`markEventQueued` + `transactionEnded`, which
 *    `enqueueEvent` and `withTransaction` call).
 */
export { socketFactoryInCreationContext } from './kafka-socket-factory';
export { poolServingInCallerContext } from './pooled-connections';
export { markEventQueued, registerRelay, transactionEnded, type Wakeable } from './outbox-wakeup';
export { withoutTracing } from '../trace-context';
