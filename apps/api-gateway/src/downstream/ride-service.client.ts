import { Ride, type CreateRideCommand } from '@rideshare/contracts';
import type { HttpClient } from '@rideshare/service-kit';

/** ride-service: owns rides (and their idempotency keys). */
export class RideServiceClient {
  constructor(private readonly http: HttpClient) {}

  create(command: CreateRideCommand): Promise<Ride> {
    return this.http.post('/rides', command, Ride);
  }

  get(id: string): Promise<Ride> {
    return this.http.get(`/rides/${encodeURIComponent(id)}`, Ride);
  }

  complete(id: string): Promise<Ride> {
    return this.http.post(`/rides/${encodeURIComponent(id)}/complete`, undefined, Ride);
  }
}
