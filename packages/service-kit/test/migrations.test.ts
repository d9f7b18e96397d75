import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/testing';
import { createPool, runMigrations, withTransaction } from '../src';
import { infraEnv, uniqueName } from './support';

const { databaseUrl } = infraEnv();
const schema = uniqueName('sk_migrate');
const dir = mkdtempSync(path.join(os.tmpdir(), 'sk-migrations-'));
writeFileSync(
  path.join(dir, '1764000000000_widgets.sql'),
  '-- Up Migration\nCREATE TABLE widgets (id int PRIMARY KEY, name text NOT NULL);\n-- Down Migration\nDROP TABLE widgets;\n',
);

afterAll(async () => {
  await queryRows(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

describe('runMigrations', () => {
  it('creates the schema, the kit tables and the service tables inside it, once', async () => {
    const runs = await Promise.all([
      runMigrations({ databaseUrl, schema, dir }),
      runMigrations({ databaseUrl, schema, dir }),
    ]);
    // Concurrent starts: one applies everything, the other finds nothing left to do.
    expect(runs.map((names) => names.length).sort()).toEqual([0, 3]);
    expect(runs.flat()).toEqual([
      '0000000000001_service-kit-outbox',
      '0000000000002_service-kit-processed-events',
      '1764000000000_widgets',
    ]);

    const tables = await queryRows<{ table_name: string }>(
      databaseUrl,
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.map((row) => row.table_name)).toEqual([
      'outbox',
      'pgmigrations',
      'processed_events',
      'widgets',
    ]);
    expect(await runMigrations({ databaseUrl, schema, dir })).toEqual([]);
  });

  it('gives pools of that schema unqualified access, and transactions roll back on error', async () => {
    const pool = createPool(databaseUrl, { schema });
    try {
      await withTransaction(pool, (client) =>
        client.query('INSERT INTO widgets (id, name) VALUES ($1, $2)', [1, 'one']),
      );
      await expect(
        withTransaction(pool, async (client) => {
          await client.query('INSERT INTO widgets (id, name) VALUES ($1, $2)', [2, 'two']);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const { rows } = await pool.query('SELECT id, name FROM widgets ORDER BY id');
      expect(rows).toEqual([{ id: 1, name: 'one' }]);
    } finally {
      await pool.end();
    }
  });

  it('rejects a schema name that is not a plain identifier', async () => {
    await expect(runMigrations({ databaseUrl, schema: 'x; DROP TABLE y', dir })).rejects.toThrow(
      /invalid schema name/,
    );
  });
});
