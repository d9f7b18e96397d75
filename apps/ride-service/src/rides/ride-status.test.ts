import { RIDE_STATUSES, type RideStatus } from '@rideshare/contracts';
import { describe, expect, it } from 'vitest';
import { canAssign, canComplete, canMarkNoDriver } from './ride-status';

function allowed(predicate: (status: RideStatus) => boolean): RideStatus[] {
  return RIDE_STATUSES.filter(predicate);
}

describe('ride status transitions', () => {
  it('assigns a driver to a waiting ride, also after NO_DRIVER', () => {
    expect(allowed(canAssign)).toEqual(['REQUESTED', 'NO_DRIVER']);
  });

  it('marks only a REQUESTED ride NO_DRIVER', () => {
    expect(allowed(canMarkNoDriver)).toEqual(['REQUESTED']);
  });

  it('completes only an ASSIGNED ride', () => {
    expect(allowed(canComplete)).toEqual(['ASSIGNED']);
  });
});
