import path from 'node:path';
import { Client, type Pool, type PoolClient, type PoolConfig } from 'pg';
import type { Logger } from 'pino';
import { poolServingInCallerContext, transactionEnded } from './context-rules';
import { withoutTracing } from './trace-context';

export type { Pool, PoolClient } from 'pg';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name '${schema}'`);
}

export interface CreatePoolOptions {
  /** Sets `search_path` on every connection so queries can name the service's tables unqualified. */
  schema?: string;
  max?: number;
  /** Extra `pg` pool settings. */
  pool?: Omit<PoolConfig, 'connectionString'>;
}

/**
 * A `pg` pool; with `schema`, every connection uses `search_path = <schema>`. Its connections
 * belong to the pool, not to the request that happened to open them (see `context-rules`).
 */
export function createPool(databaseUrl: string, options: CreatePoolOptions = {}): Pool {
  if (options.schema) assertSchemaName(options.schema);
  const pool = poolServingInCallerContext({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    ...options.pool,
  });
  // A client losing its connection (server restart) emits 'error': on the pool while idle, on the
  // client itself while checked out. Without listeners either one crashes the process; the query
  // in progress still fails, and the caller sees that.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * Runs `fn` inside BEGIN/COMMIT on one client; rolls back and rethrows if it throws. Events it
 * stored with `enqueueEvent` are published right after the commit (the pool's relay is woken).
 * BEGIN, COMMIT and ROLLBACK are not traced: as spans of their own they say nothing the
 * statements between them do not, and every span costs CPU in every request.
 */
export async function withTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  let committed = false;
  try {
    await withoutTracing(() => client.query('BEGIN'));
    const result = await fn(client);
    await withoutTracing(() => client.query('COMMIT'));
    committed = true;
    return result;
  } catch (error) {
    try {
      await withoutTracing(() => client.query('ROLLBACK'));
    } catch {
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
    transactionEnded(pool, client, committed);
  }
}

/** Directory of the migrations every service gets from the kit (`outbox`, `processed_events`). */
export const SERVICE_KIT_MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

export interface RunMigrationsOptions {
  databaseUrl: string;
  /** The service's schema (`rides`, `pricing`, ...): created if missing; holds its tables and `pgmigrations`. */
  schema: string;
  /** The service's own migration directory: node-pg-migrate SQL files named `<13-digit number>_<name>.sql`. */
  dir: string;
  /** Apply the kit's `outbox` + `processed_events` migrations first (default true). */
  includeServiceKitMigrations?: boolean;
  logger?: Logger;
}

/**
 * Applies pending migrations with node-pg-migrate's programmatic runner, in the service's own schema.
 * Concurrent callers (replicas, tests) wait on a session advisory lock per schema, so each migration
 * runs once. Returns the names applied.
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<string[]> {
  assertSchemaName(options.schema);
  // node-pg-migrate is an ES module; a dynamic import keeps this package CommonJS.
  const { runner } = await import('node-pg-migrate');
  const dirs =
    options.includeServiceKitMigrations === false
      ? [options.dir]
      : [SERVICE_KIT_MIGRATIONS_DIR, options.dir];
  const log = options.logger;
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // node-pg-migrate's own lock fails fast ("Another migration is already running"); this one waits.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [
      `rideshare-migrations:${options.schema}`,
    ]);
    const applied = await runner({
      dbClient: client,
      noLock: true,
      // Globs, because node-pg-migrate accepts several directories only in glob mode.
      dir: dirs.map((dir) => `${dir}/*.sql`),
      useGlob: true,
      direction: 'up',
      schema: options.schema,
      createSchema: true,
      migrationsSchema: options.schema,
      createMigrationsSchema: true,
      migrationsTable: 'pgmigrations',
      checkOrder: true,
      singleTransaction: true,
      logger: {
        debug: (message: string) => log?.debug(message),
        info: (message: string) => log?.debug(message),
        warn: (message: string) => log?.warn(message),
        error: (message: string) => log?.error(message),
      },
    });
    const names = applied.map((migration) => migration.name);
    if (names.length > 0)
      log?.info({ schema: options.schema, migrations: names }, 'applied migrations');
    return names;
  } finally {
    // Closing the session releases the advisory lock.
    await client.end();
  }
}
