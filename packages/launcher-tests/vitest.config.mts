import { packageTests } from '@rideshare/tsconfig/vitest';

export default packageTests({
  // A clone, an install and a build run inside: no wall-clock bound beyond a hang guard.
  test: { testTimeout: 15 * 60_000, hookTimeout: 60_000 },
});
