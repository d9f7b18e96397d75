import { it } from 'vitest';
import { checkWireContract } from './helpers/wire-scenario';

it('uploads CPU profiles whose span_id labels link to the OTLP/protobuf root spans', async () => {
  await checkWireContract('http/protobuf');
});
