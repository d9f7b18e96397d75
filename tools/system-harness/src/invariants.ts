import pg from 'pg';

/** Rows that break a data guarantee; each list must be empty. */
export interface InvariantViolations {
  /** Drivers holding more than one active ride. */
  doubleBookedDrivers: string[];
  /** ASSIGNED/COMPLETED rides whose driver is not the one driver-service assigned. */
  ridesWithWrongDriver: string[];
  /** Rides assigned in driver-service that ride-service marked NO_DRIVER. */
  contradictoryRides: string[];
  /**
   * Rides for which driver-service published more than one decision (driver.assigned or
   * ride.unassigned): a ride.requested event it applied twice.
   */
  ridesDecidedTwice: string[];
}

/** What `checkInvariants` returns when every guarantee holds. */
export const NO_VIOLATIONS: InvariantViolations = {
  doubleBookedDrivers: [],
  ridesWithWrongDriver: [],
  contradictoryRides: [],
  ridesDecidedTwice: [],
};

export async function checkInvariants(databaseUrl: string): Promise<InvariantViolations> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const doubleBooked = await client.query<{ driver_id: string }>(
      `SELECT driver_id FROM drivers.assignments WHERE released_at IS NULL
       GROUP BY driver_id HAVING count(*) > 1`,
    );
    const wrongDriver = await client.query<{ id: string }>(
      `SELECT r.id FROM rides.rides r LEFT JOIN drivers.assignments a ON a.ride_id = r.id
       WHERE r.status IN ('ASSIGNED', 'COMPLETED') AND a.driver_id::text IS DISTINCT FROM r.driver_id`,
    );
    const contradictory = await client.query<{ id: string }>(
      `SELECT r.id FROM rides.rides r JOIN drivers.assignments a ON a.ride_id = r.id
       WHERE r.status = 'NO_DRIVER'`,
    );
    const decidedTwice = await client.query<{ key: string }>(
      `SELECT key FROM drivers.outbox WHERE topic IN ('driver.assigned', 'ride.unassigned')
       GROUP BY key HAVING count(*) > 1`,
    );
    return {
      doubleBookedDrivers: doubleBooked.rows.map((row) => row.driver_id),
      ridesWithWrongDriver: wrongDriver.rows.map((row) => row.id),
      contradictoryRides: contradictory.rows.map((row) => row.id),
      ridesDecidedTwice: decidedTwice.rows.map((row) => row.key),
    };
  } finally {
    await client.end();
  }
}

/** Row counts of every table in the services' schemas, keyed `schema.table`. */
export async function rowCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_schema IN ('gateway', 'rides', 'pricing', 'drivers') AND table_type = 'BASE TABLE'
       ORDER BY 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const { schema, name } of tables.rows) {
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}"."${name}"`,
      );
      counts[`${schema}.${name}`] = Number(result.rows[0]?.n ?? 0);
    }
    return counts;
  } finally {
    await client.end();
  }
}
