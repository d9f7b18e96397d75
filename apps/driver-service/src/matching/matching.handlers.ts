import { Injectable } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import { createEvent, TOPICS } from '@rideshare/contracts';
import { enqueueEvent, type EventHandlers } from '@rideshare/service-kit';
import { MatchingService } from './matching.service';

/**
 * Ride events, each applied inside the kit consumer's transaction (which also records the
 * event id): the reservation and the outgoing event commit together or not at all.
 */
@Injectable()
export class MatchingEventHandlers {
  constructor(private readonly matching: MatchingService) {}

  handlers(): EventHandlers {
    return {
      'ride.requested': async (event, { client }) => {
        const ride = event.data;
        const outcome = await this.matching.matchRide(client, ride);
        trace.getActiveSpan()?.setAttributes({
          'rideshare.ride_id': ride.rideId,
          'rideshare.vehicle': ride.vehicle,
          'rideshare.region': ride.region,
          'rideshare.match_outcome': outcome.kind,
        });
        if (outcome.kind === 'assigned') {
          const assigned = createEvent(TOPICS.driverAssigned, {
            rideId: ride.rideId,
            driverId: outcome.driverId,
            region: ride.region,
            vehicle: ride.vehicle,
            etaSeconds: outcome.etaSeconds,
          });
          await enqueueEvent(client, {
            topic: TOPICS.driverAssigned,
            key: ride.rideId,
            event: assigned,
          });
        } else if (outcome.kind === 'unassigned') {
          const unassigned = createEvent(TOPICS.rideUnassigned, {
            rideId: ride.rideId,
            reason: outcome.reason,
          });
          await enqueueEvent(client, {
            topic: TOPICS.rideUnassigned,
            key: ride.rideId,
            event: unassigned,
          });
        }
      },
      'ride.completed': async (event, { client }) => {
        await this.matching.releaseRide(client, event.data.rideId);
      },
    };
  }
}
