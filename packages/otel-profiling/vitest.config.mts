import { packageTests } from '@rideshare/tsconfig/vitest';

export default packageTests({
  test: {
    // The CPU profiler is a process-wide singleton: every test file runs in
    // its own forked process, so files that start telemetry never share it.
    pool: 'forks',
    isolate: true,
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
