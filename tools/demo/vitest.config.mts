import { packageTests } from '@rideshare/tsconfig/vitest';

export default packageTests({ test: { pool: 'forks', testTimeout: 300_000 } });
