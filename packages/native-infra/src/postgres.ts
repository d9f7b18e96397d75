import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { prepareDataDir, type DataDir } from './data-dir';
import { onProcessExit } from './exit-cleanup';
import { logTail } from './log-tail';
import { startManagedProcess, wrapCommand, type ManagedProcess } from './managed-process';
import { assertPortFree, findFreePort, LOOPBACK } from './ports';
import { findPostgresBinDir } from './postgres-binaries';
import { unprivilegedUserIfRoot, type UnprivilegedUser } from './run-as';

const execFileAsync = promisify(execFile);

export const POSTGRES_USER = 'rideshare';
export const POSTGRES_PASSWORD = 'rideshare';
export const POSTGRES_DATABASE = 'rideshare';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

export interface PostgresOptions {
  /** Port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Directory for the cluster, its socket and log; a temp dir when omitted. Removed by stop(). */
  dataDir?: string;
}

export interface RunningPostgres {
  /** postgres://rideshare:rideshare@127.0.0.1:<port>/rideshare */
  url: string;
  port: number;
  dataDir: string;
  /** Fast shutdown (open sessions are ended), then removes the data dir. */
  stop(): Promise<void>;
  /** Fast shutdown and start again: same cluster, same data, same port. */
  restart(): Promise<void>;
  /** Fast shutdown, keeping the data: for outages that last a while (start it with startServer()). */
  stopServer(): Promise<void>;
  /** Starts the server stopped by stopServer() again, on the same port. */
  startServer(): Promise<void>;
}

interface Cluster {
  binDir: string;
  dir: DataDir;
  pgdata: string;
  logFile: string;
  port: number;
  runAs?: UnprivilegedUser;
}

function chownTree(target: string, user: UnprivilegedUser): void {
  fs.chownSync(target, user.uid, user.gid);
  if (fs.statSync(target).isDirectory()) {
    for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), user);
  }
}

async function initCluster(cluster: Cluster): Promise<void> {
  fs.mkdirSync(cluster.pgdata, { mode: 0o700 });
  if (cluster.runAs) chownTree(cluster.dir.path, cluster.runAs);
  // The bootstrap superuser is `rideshare` (as with the postgres image's POSTGRES_USER).
  const initdb = wrapCommand(
    path.join(cluster.binDir, 'initdb'),
    [
      '-D',
      cluster.pgdata,
      '-U',
      POSTGRES_USER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ],
    'SIGKILL',
    cluster.runAs,
  );
  try {
    await execFileAsync(initdb.command, initdb.args, { cwd: cluster.dir.path, timeout: 120_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    const asUser = cluster.runAs
      ? `\n(running as root: initdb and postgres run as user ${cluster.runAs.name}, who must be able to reach ${cluster.dir.path})`
      : '';
    throw new Error(
      `initdb failed for ${cluster.pgdata}:\n${stderr || stdout || String(error)}${asUser}`,
      { cause: error },
    );
  }
}

function launch(cluster: Cluster): ManagedProcess {
  const settings = {
    listen_addresses: LOOPBACK,
    port: String(cluster.port),
    unix_socket_directories: cluster.dir.path,
    // Throwaway test data: durability traded for speed.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
  };
  const args = [
    '-D',
    cluster.pgdata,
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  return startManagedProcess({
    command: path.join(cluster.binDir, 'postgres'),
    args,
    cwd: cluster.dir.path,
    logFile: cluster.logFile,
    runAs: cluster.runAs,
    // Immediate shutdown: the postmaster also ends its backends.
    orphanSignal: 'SIGQUIT',
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function trySelect(port: number, database: string): Promise<boolean> {
  const client = new Client({
    host: LOOPBACK,
    port,
    user: POSTGRES_USER,
    database,
    connectionTimeoutMillis: 2_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitUntilReady(cluster: Cluster, server: ManagedProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!server.isRunning()) {
      throw new Error(`PostgreSQL exited during start-up.\n${logTail(cluster.logFile)}`);
    }
    if (await trySelect(cluster.port, 'postgres')) return;
    await sleep(100);
  }
  await server.stop('SIGQUIT', STOP_TIMEOUT_MS);
  throw new Error(
    `PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s.\n${logTail(cluster.logFile)}`,
  );
}

async function createAppDatabase(port: number): Promise<void> {
  const client = new Client({ host: LOOPBACK, port, user: POSTGRES_USER, database: 'postgres' });
  await client.connect();
  try {
    await client.query(`ALTER ROLE ${POSTGRES_USER} PASSWORD '${POSTGRES_PASSWORD}'`);
    await client.query(`CREATE DATABASE ${POSTGRES_DATABASE} OWNER ${POSTGRES_USER}`);
  } finally {
    await client.end();
  }
}

/** Starts a throwaway PostgreSQL cluster on 127.0.0.1 with database and user `rideshare`. */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
  const binDir = findPostgresBinDir();
  const runAs = unprivilegedUserIfRoot();
  if (options.port !== undefined) {
    await assertPortFree(
      options.port,
      'PostgreSQL',
      'is another PostgreSQL running? stop it or choose another port (CLI: --pg-port)',
    );
  }
  const port = options.port ?? (await findFreePort());
  const dir = prepareDataDir(options.dataDir, 'pg');
  const cluster: Cluster = {
    binDir,
    dir,
    pgdata: path.join(dir.path, 'pgdata'),
    logFile: path.join(dir.path, 'postgres.log'),
    port,
    runAs,
  };
  // Killed processes leave no temp dir behind; a caller's dataDir is left for inspection.
  const cancelCleanup = onProcessExit(() => {
    if (dir.temporary) dir.remove();
  });

  let server: ManagedProcess | undefined;
  const startServer = async (): Promise<void> => {
    server = launch(cluster);
    await waitUntilReady(cluster, server);
  };
  const stopServer = async (): Promise<void> => {
    // SIGINT = fast shutdown: ends open sessions instead of waiting for them (SIGTERM would wait).
    await server?.stop('SIGINT', STOP_TIMEOUT_MS);
  };

  try {
    await initCluster(cluster);
    await startServer();
    await createAppDatabase(port);
  } catch (error) {
    await stopServer().catch(() => undefined);
    dir.remove();
    cancelCleanup();
    throw error;
  }

  let stopped = false;
  return {
    url: `postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@${LOOPBACK}:${port}/${POSTGRES_DATABASE}`,
    port,
    dataDir: dir.path,
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer();
      dir.remove();
      cancelCleanup();
    },
    async restart() {
      if (stopped) throw new Error('PostgreSQL was stopped and its data removed; start a new one');
      await stopServer();
      await startServer();
    },
    stopServer,
    async startServer() {
      if (stopped) throw new Error('PostgreSQL was stopped and its data removed; start a new one');
      await startServer();
    },
  };
}
