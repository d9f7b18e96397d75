import { Injectable } from '@nestjs/common';
import type { CreateRideRequest, RideStatus } from '@rideshare/contracts';
import type { Pool, PoolClient } from '@rideshare/service-kit';
import type { RideRow } from './ride.row';

/** Pool or transaction client. */
export type Queryable = Pool | PoolClient;

export interface NewRide extends CreateRideRequest {
  id: string;
  fareCents: number;
  idempotencyKey: string | null;
}

/** SQL for the `rides` table (schema `rides` via the pool's search_path). Parameterized only. */
@Injectable()
export class RidesRepository {
  /** Inserts the ride; returns undefined when the idempotency key is already taken. */
  async insert(db: Queryable, ride: NewRide): Promise<RideRow | undefined> {
    const { rows } = await db.query<RideRow>(
      `INSERT INTO rides (id, rider_id, vehicle, region, pickup_lat, pickup_lon, dropoff_lat, dropoff_lon,
                          status, fare_cents, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'REQUESTED', $9, $10)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING *`,
      [
        ride.id,
        ride.riderId,
        ride.vehicle,
        ride.region,
        ride.pickup.lat,
        ride.pickup.lon,
        ride.dropoff.lat,
        ride.dropoff.lon,
        ride.fareCents,
        ride.idempotencyKey,
      ],
    );
    return rows[0];
  }

  async findById(db: Queryable, id: string): Promise<RideRow | undefined> {
    const { rows } = await db.query<RideRow>('SELECT * FROM rides WHERE id = $1', [id]);
    return rows[0];
  }

  /** Locks the row until the transaction ends, so concurrent events/requests on one ride serialize. */
  async findByIdForUpdate(client: PoolClient, id: string): Promise<RideRow | undefined> {
    const { rows } = await client.query<RideRow>('SELECT * FROM rides WHERE id = $1 FOR UPDATE', [
      id,
    ]);
    return rows[0];
  }

  async findByIdempotencyKey(db: Queryable, key: string): Promise<RideRow | undefined> {
    const { rows } = await db.query<RideRow>('SELECT * FROM rides WHERE idempotency_key = $1', [
      key,
    ]);
    return rows[0];
  }

  async assignDriver(client: PoolClient, id: string, driverId: string): Promise<RideRow> {
    const { rows } = await client.query<RideRow>(
      `UPDATE rides SET status = 'ASSIGNED', driver_id = $2, unassigned_reason = NULL, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, driverId],
    );
    return rows[0] as RideRow;
  }

  async markNoDriver(client: PoolClient, id: string, reason: string): Promise<RideRow> {
    const { rows } = await client.query<RideRow>(
      `UPDATE rides SET status = 'NO_DRIVER', unassigned_reason = $2, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, reason],
    );
    return rows[0] as RideRow;
  }

  async setStatus(client: PoolClient, id: string, status: RideStatus): Promise<RideRow> {
    const { rows } = await client.query<RideRow>(
      'UPDATE rides SET status = $2, updated_at = now() WHERE id = $1 RETURNING *',
      [id, status],
    );
    return rows[0] as RideRow;
  }
}
