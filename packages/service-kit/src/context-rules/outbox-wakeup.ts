import type { Pool, PoolClient } from 'pg';

/** What the relay offers to the transactions of its pool. */
export interface Wakeable {
  wake(): void;
}

const relayOfPool = new WeakMap<Pool, Wakeable>();
const clientsWithQueuedEvents = new WeakSet<PoolClient>();

/** The relay that publishes the outbox of `pool` (one per pool). */
export function registerRelay(pool: Pool, relay: Wakeable): void {
  relayOfPool.set(pool, relay);
}

/** Notes that the transaction open on `client` stored an event in the outbox. */
export function markEventQueued(client: PoolClient): void {
  clientsWithQueuedEvents.add(client);
}

/**
 * Called when the transaction on `client` ended: if it committed events, the
 * pool's relay publishes them now instead of at its next poll.
 */
export function transactionEnded(pool: Pool, client: PoolClient, committed: boolean): void {
  if (clientsWithQueuedEvents.delete(client) && committed) relayOfPool.get(pool)?.wake();
}
