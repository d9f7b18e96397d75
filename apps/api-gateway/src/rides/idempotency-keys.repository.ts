import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL, type Pool } from '@rideshare/service-kit';

/** `gateway.idempotency_keys`: which request body each Idempotency-Key was first used with. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * Binds `key` to `fingerprint` unless it is bound already, and returns the fingerprint
   * the key is bound to: the given one for a new key or an identical replay, another one
   * when the key was first used with a different body. Safe under concurrent calls.
   */
  async bind(key: string, fingerprint: string): Promise<string> {
    await this.pool.query(
      'INSERT INTO idempotency_keys (key, request_fingerprint) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, fingerprint],
    );
    // A separate statement, so it sees a row a concurrent request committed after this one started.
    const { rows } = await this.pool.query<{ request_fingerprint: string }>(
      'SELECT request_fingerprint FROM idempotency_keys WHERE key = $1',
      [key],
    );
    const bound = rows[0]?.request_fingerprint;
    if (bound === undefined) throw new Error(`idempotency key vanished after insert`);
    return bound;
  }
}
