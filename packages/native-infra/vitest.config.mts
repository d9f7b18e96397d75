import { packageTests } from '@rideshare/tsconfig/vitest';

export default packageTests({
  test: {
    // Real PostgreSQL and Kafka processes: one test file at a time, in child processes.
    pool: 'forks',
    fileParallelism: false,
    // The package's own globalSetup, as other packages use it (from source here: no build needed).
    globalSetup: ['./src/vitest-global-setup.mts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
