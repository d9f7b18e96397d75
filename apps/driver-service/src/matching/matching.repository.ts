import { Injectable } from '@nestjs/common';
import type { GeoPoint, Region, Vehicle } from '@rideshare/contracts';
import type { PoolClient } from '@rideshare/service-kit';
import type { DriverCandidate } from './score-candidates';

export interface ActiveAssignment {
  driverId: string;
  dropoff: GeoPoint;
}

/** Reservation SQL; every method runs on the caller's transaction. */
@Injectable()
export class MatchingRepository {
  /** Available drivers of that vehicle and region, roughly nearest first (planar approximation). */
  async findCandidates(
    client: PoolClient,
    region: Region,
    vehicle: Vehicle,
    pickup: GeoPoint,
    limit: number,
  ): Promise<DriverCandidate[]> {
    const lonScale = Math.cos((pickup.lat * Math.PI) / 180);
    const { rows } = await client.query<{ id: string; lat: number; lon: number; rating: number }>(
      `SELECT id, lat, lon, rating FROM drivers
       WHERE status = 'AVAILABLE' AND region = $1 AND vehicle = $2
       ORDER BY (lat - $3) ^ 2 + ((lon - $4) * $5) ^ 2, id
       LIMIT $6`,
      [region, vehicle, pickup.lat, pickup.lon, lonScale, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      location: { lat: row.lat, lon: row.lon },
      rating: row.rating,
    }));
  }

  /**
   * Puts the driver on the ride if it is still available. Concurrent reservations of one
   * driver serialize on its row lock; the loser re-reads `status` and gets false.
   */
  async reserveDriver(client: PoolClient, driverId: string, rideId: string): Promise<boolean> {
    const result = await client.query(
      `UPDATE drivers SET status = 'ON_RIDE', ride_id = $1, updated_at = now()
       WHERE id = $2 AND status = 'AVAILABLE'`,
      [rideId, driverId],
    );
    return result.rowCount === 1;
  }

  async recordAssignment(
    client: PoolClient,
    rideId: string,
    driverId: string,
    etaSeconds: number,
    dropoff: GeoPoint,
  ): Promise<void> {
    await client.query(
      'INSERT INTO assignments (ride_id, driver_id, eta_seconds, dropoff_lat, dropoff_lon) VALUES ($1, $2, $3, $4, $5)',
      [rideId, driverId, etaSeconds, dropoff.lat, dropoff.lon],
    );
  }

  async hasAssignment(client: PoolClient, rideId: string): Promise<boolean> {
    const { rowCount } = await client.query('SELECT 1 FROM assignments WHERE ride_id = $1', [
      rideId,
    ]);
    return rowCount === 1;
  }

  /** Ends the ride's active assignment; null when there is none (unknown or already released). */
  async releaseAssignment(client: PoolClient, rideId: string): Promise<ActiveAssignment | null> {
    const { rows } = await client.query<{
      driver_id: string;
      dropoff_lat: number;
      dropoff_lon: number;
    }>(
      `UPDATE assignments SET released_at = now()
       WHERE ride_id = $1 AND released_at IS NULL
       RETURNING driver_id, dropoff_lat, dropoff_lon`,
      [rideId],
    );
    const row = rows[0];
    return row
      ? { driverId: row.driver_id, dropoff: { lat: row.dropoff_lat, lon: row.dropoff_lon } }
      : null;
  }

  /** Makes the driver available again where the ride ended. */
  async freeDriver(
    client: PoolClient,
    driverId: string,
    rideId: string,
    location: GeoPoint,
  ): Promise<void> {
    await client.query(
      `UPDATE drivers SET status = 'AVAILABLE', ride_id = NULL, lat = $3, lon = $4, updated_at = now()
       WHERE id = $1 AND ride_id = $2`,
      [driverId, rideId, location.lat, location.lon],
    );
  }
}
