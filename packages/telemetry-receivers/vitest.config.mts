import { packageTests } from '@rideshare/tsconfig/vitest';

export default packageTests();
