import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/testing';
import { createPool } from '../src';
import { infraEnv } from './support';

const { databaseUrl } = infraEnv();

describe('createPool', () => {
  it('survives the server ending a checked-out connection (e.g. PostgreSQL restarting)', async () => {
    const pool = createPool(databaseUrl);
    try {
      const client = await pool.connect();
      const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
        .rows as [{ pid: number }];
      const lost = new Promise((resolve) => client.once('end', resolve));
      // What a fast shutdown does to every session: FATAL 57P01 on a connection held by the app.
      await queryRows(databaseUrl, 'SELECT pg_terminate_backend($1)', [pid]);
      await lost;
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      // The process is still here and the pool hands out working connections again.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});
