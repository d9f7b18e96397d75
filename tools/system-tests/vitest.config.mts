import { packageTests } from '@rideshare/tsconfig/vitest';

// Each test file starts its own PostgreSQL, Kafka and four services, so files run one at a time.
export default packageTests({
  test: { pool: 'forks', fileParallelism: false, testTimeout: 240_000, hookTimeout: 240_000 },
});
