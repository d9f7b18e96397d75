import { Ride, type CreateRideCommand } from '@rideshare/contracts';
import type { HttpClient } from '@rideshare/service-kit';

/**
 * ride-service: owns rides (and their idempotency keys). Creating is retried because every
 * create carries an idempotency key (ride-service returns the same ride for it); completing is
 * not, since a repeated completion would answer 409.
 */
export class RideServiceClient {
  constructor(private readonly http: HttpClient) {}

  create(command: CreateRideCommand): Promise<Ride> {
    return this.http.post('/rides', command, Ride, { retry: command.idempotencyKey !== undefined });
  }

  get(id: string): Promise<Ride> {
    return this.http.get(`/rides/${encodeURIComponent(id)}`, Ride, { retry: true });
  }

  complete(id: string): Promise<Ride> {
    return this.http.post(`/rides/${encodeURIComponent(id)}/complete`, undefined, Ride);
  }
}
