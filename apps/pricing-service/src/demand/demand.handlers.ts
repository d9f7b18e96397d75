import { Injectable } from '@nestjs/common';
import type { EventHandlers } from '@rideshare/service-kit';
import { DemandRepository } from './demand.repository';

/**
 * Keeps regional demand from ride events. The kit's consumer calls these inside the
 * transaction that records the event id, so a redelivered event is skipped as a whole.
 */
@Injectable()
export class DemandEventHandlers {
  constructor(private readonly repository: DemandRepository) {}

  handlers(): EventHandlers {
    return {
      'ride.requested': async (event, { client }) => {
        await this.repository.openRide(
          client,
          event.data.rideId,
          event.data.region,
          event.occurredAt,
        );
        await this.repository.forgetExpired(client, event.data.region);
      },
      'ride.completed': async (event, { client }) => {
        await this.repository.closeRide(client, event.data.rideId);
      },
      // A ride nobody could take is over too: it no longer adds to demand.
      'ride.unassigned': async (event, { client }) => {
        await this.repository.closeRide(client, event.data.rideId);
      },
    };
  }
}
