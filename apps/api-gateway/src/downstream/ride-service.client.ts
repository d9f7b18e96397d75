import { Ride, type CreateRideCommand } from '@rideshare/contracts';
import type { HttpClient } from '@rideshare/service-kit';

/**
 * ride-service: owns rides (and their idempotency keys). Every call is retried: a create carries
 * an idempotency key (ride-service returns the same ride for it), and completing a COMPLETED ride
 * returns it unchanged.
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
    return this.http.post(`/rides/${encodeURIComponent(id)}/complete`, undefined, Ride, {
      retry: true,
    });
  }
}
