import { describe, expect, it } from 'vitest';
import { cpuTimeMs } from './process-cpu';

describe('cpuTimeMs', () => {
  it('reads the CPU time a process used, which grows while it computes', () => {
    const before = cpuTimeMs(process.pid);
    expect(before).toBeGreaterThanOrEqual(0);
    // Burn 100 ms of CPU, as this process's own accounting measures it.
    const start = process.cpuUsage();
    let x = 0;
    while (process.cpuUsage(start).user < 100_000) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(cpuTimeMs(process.pid)! - before!).toBeGreaterThanOrEqual(50);
  });

  it('is undefined for a process that does not exist', () => {
    expect(cpuTimeMs(2 ** 30)).toBeUndefined();
  });
});
