import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/testing';
import { createPool, withTransaction } from '../src';
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

  it('parses every request results in that request context, not in the one that opened the connection', async () => {
    const request = new AsyncLocalStorage<string>();
    // Where pg runs type parsers: while parsing a result row, in the socket's data callback.
    const parsedIn: Array<string | undefined> = [];
    const pool = createPool(databaseUrl, {
      max: 1,
      pool: {
        types: {
          getTypeParser: () => (value: string) => {
            parsedIn.push(request.getStore());
            return value;
          },
        },
      },
    });
    try {
      // Request A opens the pool's only connection; B and C reuse it.
      await request.run('A', () => pool.query('SELECT 1 AS one'));
      const continuedIn = await request.run('B', async () => {
        await pool.query('SELECT 2 AS two');
        return request.getStore();
      });
      const calledBackIn = await request.run(
        'C',
        () =>
          new Promise<string | undefined>((resolve, reject) =>
            pool.query('SELECT 3 AS three', (error) =>
              error ? reject(error) : resolve(request.getStore()),
            ),
          ),
      );

      expect(parsedIn).toEqual(['A', 'B', 'C']);
      // Each request still continues in its own context.
      expect(continuedIn).toBe('B');
      expect(calledBackIn).toBe('C');
    } finally {
      await pool.end();
    }
  });

  it('parses each result in its own request context when requests queue for one connection', async () => {
    const request = new AsyncLocalStorage<string>();
    const parsed: Array<[string, string | undefined]> = [];
    const pool = createPool(databaseUrl, {
      max: 1,
      pool: {
        types: {
          getTypeParser: () => (value: string) => {
            parsed.push([value, request.getStore()]);
            return value;
          },
        },
      },
    });
    try {
      const names = Array.from({ length: 8 }, (_, i) => `request-${i}`);
      await Promise.all(
        names.map((name) =>
          request.run(name, async () => {
            await pool.query('SELECT $1::text AS who', [name]);
            await withTransaction(pool, (client) => client.query('SELECT $1::text AS who', [name]));
          }),
        ),
      );
      expect(parsed).toHaveLength(16);
      for (const [value, parsedIn] of parsed) expect(parsedIn).toBe(value);
    } finally {
      await pool.end();
    }
  });

  it('hands a connect() callback back in the caller context', async () => {
    const request = new AsyncLocalStorage<string>();
    const pool = createPool(databaseUrl, { max: 1 });
    try {
      const connectedIn = await request.run(
        'A',
        () =>
          new Promise<string | undefined>((resolve, reject) =>
            pool.connect((error, client, release) => {
              if (error) return reject(error);
              release();
              resolve(request.getStore());
            }),
          ),
      );
      expect(connectedIn).toBe('A');
    } finally {
      await pool.end();
    }
  });
});
