import { Inject, Injectable } from '@nestjs/common';
import type { CreateDriverRequest, Driver, GeoPoint } from '@rideshare/contracts';
import { PG_POOL, type Pool } from '@rideshare/service-kit';
import type { SeedDriver } from '../seeding/seed-drivers';
import { DRIVER_COLUMNS, toDriver, type DriverRow } from './driver.row';

@Injectable()
export class DriversRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async create(input: CreateDriverRequest): Promise<Driver> {
    const { rows } = await this.pool.query<DriverRow>(
      `INSERT INTO drivers (name, vehicle, region, lat, lon) VALUES ($1, $2, $3, $4, $5) RETURNING ${DRIVER_COLUMNS}`,
      [input.name, input.vehicle, input.region, input.location.lat, input.location.lon],
    );
    return toDriver(rows[0]!);
  }

  async findById(id: string): Promise<Driver | null> {
    const { rows } = await this.pool.query<DriverRow>(
      `SELECT ${DRIVER_COLUMNS} FROM drivers WHERE id = $1`,
      [id],
    );
    return rows[0] ? toDriver(rows[0]) : null;
  }

  /** Null when there is no such driver. */
  async updateLocation(id: string, location: GeoPoint): Promise<Driver | null> {
    const { rows } = await this.pool.query<DriverRow>(
      `UPDATE drivers SET lat = $2, lon = $3, updated_at = now() WHERE id = $1 RETURNING ${DRIVER_COLUMNS}`,
      [id, location.lat, location.lon],
    );
    return rows[0] ? toDriver(rows[0]) : null;
  }

  /** Inserts the seed drivers not present yet (by seed key); returns how many were new. */
  async insertSeedDrivers(drivers: readonly SeedDriver[]): Promise<number> {
    if (drivers.length === 0) return 0;
    const result = await this.pool.query(
      `INSERT INTO drivers (seed_key, name, vehicle, region, lat, lon, rating)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[])
       ON CONFLICT (seed_key) DO NOTHING`,
      [
        drivers.map((d) => d.seedKey),
        drivers.map((d) => d.name),
        drivers.map((d) => d.vehicle),
        drivers.map((d) => d.region),
        drivers.map((d) => d.location.lat),
        drivers.map((d) => d.location.lon),
        drivers.map((d) => d.rating),
      ],
    );
    return result.rowCount ?? 0;
  }
}
