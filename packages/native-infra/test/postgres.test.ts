import fs from 'node:fs';
import net from 'node:net';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PortInUseError, startPostgres, type RunningPostgres } from '../src';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  let postgres: RunningPostgres | undefined;
  afterAll(() => postgres?.stop());

  it('starts a cluster with database and user rideshare on 127.0.0.1', async () => {
    postgres = await startPostgres();
    expect(postgres.url).toBe(
      `postgres://rideshare:rideshare@127.0.0.1:${postgres.port}/rideshare`,
    );
    const [row] = await query<{ db: string; who: string; fsync: string }>(
      postgres.url,
      "SELECT current_database() AS db, current_user AS who, current_setting('fsync') AS fsync",
    );
    expect(row).toEqual({ db: 'rideshare', who: 'rideshare', fsync: 'off' });
  });

  it('keeps the data and the port across restart()', async () => {
    const url = postgres!.url;
    await query(url, 'CREATE TABLE survivors (name text)');
    await query(url, "INSERT INTO survivors VALUES ('still here')");
    await postgres!.restart();
    expect(postgres!.url).toBe(url);
    expect(await query(url, 'SELECT name FROM survivors')).toEqual([{ name: 'still here' }]);
  });

  it('refuses connections between stopServer() and startServer(), and keeps the data', async () => {
    const url = postgres!.url;
    await postgres!.stopServer();
    await expect(query(url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await postgres!.startServer();
    expect(await query(url, 'SELECT name FROM survivors')).toEqual([{ name: 'still here' }]);
  });

  it.runIf(process.getuid?.() === 0)(
    'runs the cluster as an unprivileged user when started as root',
    () => {
      expect(fs.statSync(`${postgres!.dataDir}/pgdata`).uid).not.toBe(0);
    },
  );

  it('stop() shuts the server down and removes its data dir', async () => {
    const { url, dataDir } = postgres!;
    await postgres!.stop();
    postgres = undefined;
    expect(fs.existsSync(dataDir)).toBe(false);
    await expect(query(url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a port that is already taken, naming it', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const attempt = startPostgres({ port });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(`port ${port}`);
    } finally {
      taken.close();
    }
  });
});
