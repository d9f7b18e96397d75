#!/usr/bin/env node
// rideshare-native-infra: PostgreSQL and Kafka on 127.0.0.1 for developers, without Docker.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startKafka } from './kafka';
import { kafkaLibsDir } from './kafka-classpath';
import { startPostgres } from './postgres';
import { findRepoRoot } from './repo-root';

const USAGE = `usage: rideshare-native-infra <command> [options]

commands:
  up      start PostgreSQL and Kafka, print their env lines, stop and clean up on Ctrl-C/SIGTERM
            --pg-port <port>      PostgreSQL port on 127.0.0.1 (default 5432)
            --kafka-port <port>   Kafka port on 127.0.0.1 (default 9092)
  fetch   only make sure the Kafka broker jars are in the cache (Maven), print their dir
`;

const DEFAULT_PG_PORT = 5432;
const DEFAULT_KAFKA_PORT = 9092;

function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${flag} must be a port number, got "${value}"`);
  return port;
}

/**
 * Data dirs live in <repo>/.native-infra (git-ignored), or the temp dir outside the repo; named
 * by port, so that runs on other ports can go on side by side.
 */
function dataRoot(): string {
  const repo = findRepoRoot();
  return repo ? path.join(repo, '.native-infra') : path.join(os.tmpdir(), 'rideshare-native-infra');
}

/**
 * The first SIGINT/SIGTERM. The listeners stay: Ctrl-C often arrives twice (the terminal's and the
 * one pnpm forwards), and a second signal without a listener would kill the process mid-stop.
 */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => resolve(signal);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

async function up(args: string[]): Promise<void> {
  const { values } = parseArgs({
    // `pnpm infra:native -- --pg-port N` passes the `--` through; treat it as nothing.
    args: args[0] === '--' ? args.slice(1) : args,
    options: { 'pg-port': { type: 'string' }, 'kafka-port': { type: 'string' } },
  });
  const pgPort = parsePort(values['pg-port'], DEFAULT_PG_PORT, '--pg-port');
  const kafkaPort = parsePort(values['kafka-port'], DEFAULT_KAFKA_PORT, '--kafka-port');
  const root = dataRoot();
  // Listen for Ctrl-C from the start, so an early one still cleans up.
  const stopSignal = waitForStopSignal();

  console.error(
    `starting PostgreSQL on 127.0.0.1:${pgPort} and Kafka on 127.0.0.1:${kafkaPort} (data in ${root})`,
  );
  const [postgres, kafka] = await Promise.allSettled([
    // As root, PostgreSQL runs as user postgres, who may not reach a clone under a private
    // directory: its data then goes to a temp dir of its own, removed when it stops.
    startPostgres({
      port: pgPort,
      dataDir: process.getuid?.() === 0 ? undefined : path.join(root, `postgres-${pgPort}`),
    }),
    startKafka({ port: kafkaPort, dataDir: path.join(root, `kafka-${kafkaPort}`) }),
  ]);
  const stopAll = async (): Promise<void> => {
    await Promise.all([
      postgres.status === 'fulfilled' ? postgres.value.stop() : undefined,
      kafka.status === 'fulfilled' ? kafka.value.destroy() : undefined,
    ]);
  };
  if (postgres.status === 'rejected' || kafka.status === 'rejected') {
    await stopAll();
    for (const result of [postgres, kafka]) {
      if (result.status === 'rejected') console.error(`error: ${(result.reason as Error).message}`);
    }
    process.exit(1);
  }

  console.log(`DATABASE_URL=${postgres.value.url}`);
  console.log(`KAFKA_BROKERS=${kafka.value.brokers}`);
  console.error('PostgreSQL and Kafka are up; press Ctrl-C to stop them and remove their data.');
  const signal = await stopSignal;
  console.error(`${signal}: stopping PostgreSQL and Kafka`);
  await stopAll();
}

async function fetch(): Promise<void> {
  console.log(await kafkaLibsDir());
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return up(rest);
    case 'fetch':
      return fetch();
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
