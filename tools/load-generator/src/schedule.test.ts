import { describe, expect, it } from 'vitest';
import { arrivalOffsetMs, arrivalSchedule, plannedRideCount } from './schedule';

describe('plannedRideCount', () => {
  it('uses the ride count when one is given', () => {
    expect(plannedRideCount(5, { rides: 12, durationMs: 60_000 })).toBe(12);
  });

  it('counts the arrivals that fall strictly inside the duration', () => {
    expect(plannedRideCount(2, { durationMs: 60_000 })).toBe(120);
    // 0.5 rides/s for 3 s: arrivals at 0 s and 2 s.
    expect(plannedRideCount(0.5, { durationMs: 3000 })).toBe(2);
    // 4 rides/s for 1.1 s: arrivals at 0, 0.25, 0.5, 0.75, 1.0 s.
    expect(plannedRideCount(4, { durationMs: 1100 })).toBe(5);
  });

  it('is not thrown off by floating-point noise', () => {
    // 0.1 * 30 is 3.0000000000000004 in binary floating point.
    expect(plannedRideCount(0.1, { durationMs: 30_000 })).toBe(3);
  });

  it('needs a limit', () => {
    expect(() => plannedRideCount(1, {})).toThrow(/rides or durationMs/);
  });
});

describe('arrival schedule', () => {
  it('spaces arrivals evenly at 1/rate seconds, starting at zero', () => {
    expect([...arrivalSchedule(4, 5)]).toEqual([0, 250, 500, 750, 1000]);
    expect([...arrivalSchedule(0.5, 3)]).toEqual([0, 2000, 4000]);
  });

  it('gives the same offset for an index as the full schedule does', () => {
    const schedule = [...arrivalSchedule(3, 10)];
    schedule.forEach((offset, index) => expect(arrivalOffsetMs(index, 3)).toBe(offset));
  });

  it('is empty for zero rides', () => {
    expect([...arrivalSchedule(10, 0)]).toEqual([]);
  });
});
