import { describe, expect, it } from 'vitest';
import { parseConfigs } from './bench-configs';
import { resultsByConfig } from './one-system-at-a-time';

describe('resultsByConfig', () => {
  it('groups the runs per configuration, listed or not yet run, keeping round order', () => {
    const configs = parseConfigs('bare,full telemetry,tracing only');
    const runs = [
      { config: 'bare', result: 1 },
      { config: 'full telemetry', result: 2 },
      { config: 'full telemetry', result: 3 },
      { config: 'bare', result: 4 },
    ];
    expect(resultsByConfig(configs, runs)).toEqual(
      new Map([
        ['bare', [1, 4]],
        ['full telemetry', [2, 3]],
        ['tracing only', []],
      ]),
    );
  });
});
