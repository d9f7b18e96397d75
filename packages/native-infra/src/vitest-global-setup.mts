// Vitest globalSetup: `globalSetup: ['@rideshare/native-infra/vitest-global-setup']`.
// Tests read `inject('databaseUrl')` / `inject('kafkaBrokers')`, or process.env.DATABASE_URL /
// KAFKA_BROKERS (set here before the test workers and any child processes start).
import type { TestProject } from 'vitest/node';
import type {} from './vitest-provided-context.js';
import { ensureInfra } from './ensure-infra.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const infra = await ensureInfra();
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  project.provide('databaseUrl', infra.databaseUrl);
  project.provide('kafkaBrokers', infra.kafkaBrokers);
  return () => infra.stop();
}
