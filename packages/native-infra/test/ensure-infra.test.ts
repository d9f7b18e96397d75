import fs from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ensureInfra } from '../src';

/** Pids of this process's children, from /proc. */
function childPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent pid (the command name before it is in parentheses).
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function kafkaTopics(brokers: string): Promise<string[]> {
  const admin = new Kafka({
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

const savedEnv = {
  DATABASE_URL: process.env.DATABASE_URL,
  KAFKA_BROKERS: process.env.KAFKA_BROKERS,
};

afterEach(() => {
  Object.assign(process.env, savedEnv);
});

describe('vitest global setup', () => {
  it('provides databaseUrl and kafkaBrokers to tests and sets them in the environment', async () => {
    const databaseUrl = inject('databaseUrl');
    const kafkaBrokers = inject('kafkaBrokers');
    expect(process.env.DATABASE_URL).toBe(databaseUrl);
    expect(process.env.KAFKA_BROKERS).toBe(kafkaBrokers);

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT current_database() AS db');
    await client.end();
    expect(rows).toEqual([{ db: 'rideshare' }]);
    expect(Array.isArray(await kafkaTopics(kafkaBrokers))).toBe(true);
  });
});

describe('ensureInfra', () => {
  it('uses DATABASE_URL and KAFKA_BROKERS when both are set, starting nothing', async () => {
    process.env.DATABASE_URL = 'postgres://someone:secret@127.0.0.1:6543/elsewhere';
    process.env.KAFKA_BROKERS = '127.0.0.1:9999';
    const before = childPids();
    const infra = await ensureInfra();
    expect(infra.databaseUrl).toBe('postgres://someone:secret@127.0.0.1:6543/elsewhere');
    expect(infra.kafkaBrokers).toBe('127.0.0.1:9999');
    expect(childPids()).toEqual(before);
    await infra.stop();
  });

  it('starts only what is missing: Kafka when just DATABASE_URL is set', async () => {
    process.env.DATABASE_URL = inject('databaseUrl');
    delete process.env.KAFKA_BROKERS;
    const infra = await ensureInfra();
    try {
      expect(infra.databaseUrl).toBe(inject('databaseUrl'));
      expect(infra.kafkaBrokers).not.toBe(inject('kafkaBrokers'));
      expect(Array.isArray(await kafkaTopics(infra.kafkaBrokers))).toBe(true);
    } finally {
      await infra.stop();
    }
    await expect(kafkaTopics(infra.kafkaBrokers)).rejects.toThrow();
  });
});
