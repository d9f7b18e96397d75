// The one vitest configuration of the workspace: each package's vitest.config.mts is
// `export default packageTests({ ...what differs })` or `nestTests()`.
import swc from 'unplugin-swc';
import { defineConfig, mergeConfig } from 'vitest/config';

const base = defineConfig({
  test: {
    include: ['src/**/*.test.?(m)ts', 'test/**/*.test.?(m)ts'],
  },
});

/** Unit tests in `src/`, others in `test/`; `overrides` is merged in (arrays are concatenated). */
export function packageTests(overrides = {}) {
  return mergeConfig(base, overrides);
}

/**
 * A NestJS package (the services, service-kit): SWC, not esbuild, so that the decorator metadata
 * Nest's dependency injection needs is emitted; `src/` unit tests, and `test/` integration tests
 * against one real PostgreSQL and Kafka (DATABASE_URL/KAFKA_BROKERS, or started by native-infra),
 * one file at a time.
 */
export function nestTests(overrides = {}) {
  return mergeConfig(
    defineConfig({
      plugins: [swc.vite({ module: { type: 'es6' } })],
      test: {
        pool: 'forks',
        fileParallelism: false,
        projects: [
          { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
          {
            extends: true,
            test: {
              name: 'integration',
              include: ['test/**/*.test.ts'],
              globalSetup: ['@rideshare/native-infra/vitest-global-setup'],
              testTimeout: 60_000,
              hookTimeout: 120_000,
            },
          },
        ],
      },
    }),
    overrides,
  );
}
