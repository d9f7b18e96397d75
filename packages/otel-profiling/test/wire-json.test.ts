import { it } from 'vitest';
import { checkWireContract } from './helpers/wire-scenario';

it('uploads CPU profiles whose span_id labels link to the OTLP/JSON root spans (with trace_id)', async () => {
  await checkWireContract('http/json');
});
