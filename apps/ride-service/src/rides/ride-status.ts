import type { RideStatus } from '@rideshare/contracts';

/** Statuses from which a `driver.assigned` event moves the ride to ASSIGNED. */
const ASSIGNABLE: ReadonlySet<RideStatus> = new Set(['REQUESTED', 'NO_DRIVER']);

/**
 * A late assignment after NO_DRIVER is still accepted: the driver is already reserved for this
 * ride, and leaving it reserved for a ride nobody will complete would strand the driver.
 */
export function canAssign(status: RideStatus): boolean {
  return ASSIGNABLE.has(status);
}

/** Only a ride still waiting for a driver becomes NO_DRIVER. */
export function canMarkNoDriver(status: RideStatus): boolean {
  return status === 'REQUESTED';
}

export function canComplete(status: RideStatus): boolean {
  return status === 'ASSIGNED';
}
