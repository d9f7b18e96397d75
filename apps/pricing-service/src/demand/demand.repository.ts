import { Inject, Injectable } from '@nestjs/common';
import type { Region } from '@rideshare/contracts';
import { PG_POOL, SERVICE_CONFIG, type Pool, type PoolClient } from '@rideshare/service-kit';
import type { PricingConfig } from '../config';

/** The `open_rides` table: rides requested and not finished yet. */
@Injectable()
export class DemandRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(SERVICE_CONFIG) private readonly config: PricingConfig,
  ) {}

  /** Records a requested ride once (a second call for the same ride changes nothing). */
  async openRide(
    client: PoolClient,
    rideId: string,
    region: Region,
    requestedAt: string,
  ): Promise<void> {
    await client.query(
      'INSERT INTO open_rides (ride_id, region, requested_at) VALUES ($1, $2, $3) ON CONFLICT (ride_id) DO NOTHING',
      [rideId, region, requestedAt],
    );
  }

  /** Forgets a ride that ended; nothing happens when it is unknown or already closed. */
  async closeRide(client: PoolClient, rideId: string): Promise<void> {
    await client.query('DELETE FROM open_rides WHERE ride_id = $1', [rideId]);
  }

  /** Drops the region's rides older than the demand window, so rides that never end do not pile up. */
  async forgetExpired(client: PoolClient, region: Region): Promise<void> {
    await client.query(
      'DELETE FROM open_rides WHERE region = $1 AND requested_at < now() - make_interval(mins => $2)',
      [region, this.config.DEMAND_WINDOW_MINUTES],
    );
  }

  /** Open rides requested within the demand window. */
  async countOpenRides(region: Region): Promise<number> {
    const { rows } = await this.pool.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM open_rides WHERE region = $1 AND requested_at >= now() - make_interval(mins => $2)',
      [region, this.config.DEMAND_WINDOW_MINUTES],
    );
    return rows[0]?.count ?? 0;
  }
}
