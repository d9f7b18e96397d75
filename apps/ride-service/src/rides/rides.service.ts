import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { createEvent, TOPICS, type CreateRideCommand, type Ride } from '@rideshare/contracts';
import { enqueueEvent, PG_POOL, withTransaction, type Pool } from '@rideshare/service-kit';
import { PricingClient } from './pricing.client';
import { canComplete } from './ride-status';
import { sameRequest, toRide, type RideRow } from './ride.row';
import { RidesRepository } from './rides.repository';

export interface CreateRideResult {
  ride: Ride;
  /** False when the idempotency key returned a ride created earlier. */
  created: boolean;
}

@Injectable()
export class RidesService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly rides: RidesRepository,
    private readonly pricing: PricingClient,
  ) {}

  /**
   * Quotes the fare with pricing-service, then writes the ride and its `ride.requested` outbox row
   * in one transaction. A known idempotency key returns the existing ride and writes nothing.
   */
  async create(command: CreateRideCommand): Promise<CreateRideResult> {
    const { idempotencyKey = null, ...request } = command;
    if (idempotencyKey) {
      const existing = await this.rides.findByIdempotencyKey(this.pool, idempotencyKey);
      if (existing) return { ride: this.replay(existing, command), created: false };
    }

    const quote = await this.pricing.quote({
      vehicle: request.vehicle,
      region: request.region,
      pickup: request.pickup,
      dropoff: request.dropoff,
    });

    const inserted = await withTransaction(this.pool, async (client) => {
      const row = await this.rides.insert(client, {
        ...request,
        id: randomUUID(),
        fareCents: quote.amountCents,
        idempotencyKey,
      });
      if (!row) return undefined; // a concurrent request with the same key won
      const event = createEvent('ride.requested', {
        rideId: row.id,
        riderId: row.rider_id,
        vehicle: row.vehicle,
        region: row.region,
        pickup: request.pickup,
        dropoff: request.dropoff,
        fareCents: row.fare_cents,
      });
      await enqueueEvent(client, { topic: TOPICS.rideRequested, key: row.id, event });
      return row;
    });
    if (inserted) {
      return { ride: toRide(inserted), created: true };
    }
    const winner = await this.rides.findByIdempotencyKey(this.pool, idempotencyKey as string);
    if (!winner) throw new Error('ride with idempotency key vanished');
    return { ride: this.replay(winner, command), created: false };
  }

  async get(id: string): Promise<Ride> {
    const row = await this.rides.findById(this.pool, id);
    if (!row) throw new NotFoundException(`ride ${id} not found`);
    return toRide(row);
  }

  /**
   * ASSIGNED -> COMPLETED and a `ride.completed` event (which frees the driver). Idempotent: a
   * COMPLETED ride is returned as it is (no second event), so a caller that got no answer may
   * safely ask again. 409 from any other status.
   */
  async complete(id: string): Promise<Ride> {
    const completed = await withTransaction(this.pool, async (client) => {
      const row = await this.rides.findByIdForUpdate(client, id);
      if (!row) throw new NotFoundException(`ride ${id} not found`);
      if (row.status === 'COMPLETED') return row;
      if (!canComplete(row.status))
        throw new ConflictException(
          `ride ${id} is ${row.status}; only an ASSIGNED ride can be completed`,
        );
      const updated = await this.rides.setStatus(client, id, 'COMPLETED');
      const event = createEvent('ride.completed', {
        rideId: id,
        driverId: row.driver_id as string,
        region: row.region,
        vehicle: row.vehicle,
      });
      await enqueueEvent(client, { topic: TOPICS.rideCompleted, key: id, event });
      return updated;
    });
    return toRide(completed);
  }

  private replay(existing: RideRow, command: CreateRideCommand): Ride {
    if (!sameRequest(existing, command)) {
      throw new ConflictException(
        `idempotency key '${command.idempotencyKey}' was already used for a different ride request`,
      );
    }
    return toRide(existing);
  }
}
