import { packageTests } from '@rideshare/tsconfig/vitest';

export default packageTests({
  test: { globalSetup: ['test/global-setup.ts'], testTimeout: 30_000 },
});
