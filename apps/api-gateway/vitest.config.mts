import { nestTests } from '@rideshare/tsconfig/vitest';

export default nestTests();
