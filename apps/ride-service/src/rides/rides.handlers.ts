import { Injectable, Logger } from '@nestjs/common';
import type { DriverAssignedEvent, RideUnassignedEvent } from '@rideshare/contracts';
import type { EventContext, EventHandlers } from '@rideshare/service-kit';
import { canAssign, canMarkNoDriver } from './ride-status';
import { RidesRepository } from './rides.repository';

/**
 * Applies driver-service's decisions to rides. Runs inside the consumer's transaction, which also
 * records the event id, so a redelivered event changes nothing.
 */
@Injectable()
export class RidesEventHandlers {
  private readonly logger = new Logger(RidesEventHandlers.name);

  constructor(private readonly rides: RidesRepository) {}

  handlers(): EventHandlers {
    return {
      'driver.assigned': (event, context) => this.onDriverAssigned(event, context),
      'ride.unassigned': (event, context) => this.onRideUnassigned(event, context),
    };
  }

  async onDriverAssigned(event: DriverAssignedEvent, { client }: EventContext): Promise<void> {
    const { rideId, driverId } = event.data;
    const ride = await this.rides.findByIdForUpdate(client, rideId);
    if (!ride) {
      this.logger.warn(`driver.assigned ${event.id} for unknown ride ${rideId}; ignored`);
      return;
    }
    if (!canAssign(ride.status)) {
      this.logger.warn(`driver.assigned ${event.id}: ride ${rideId} is ${ride.status}; ignored`);
      return;
    }
    await this.rides.assignDriver(client, rideId, driverId);
  }

  async onRideUnassigned(event: RideUnassignedEvent, { client }: EventContext): Promise<void> {
    const { rideId, reason } = event.data;
    const ride = await this.rides.findByIdForUpdate(client, rideId);
    if (!ride) {
      this.logger.warn(`ride.unassigned ${event.id} for unknown ride ${rideId}; ignored`);
      return;
    }
    if (!canMarkNoDriver(ride.status)) {
      this.logger.warn(`ride.unassigned ${event.id}: ride ${rideId} is ${ride.status}; ignored`);
      return;
    }
    await this.rides.markNoDriver(client, rideId, reason);
  }
}
