import { Driver, type CreateDriverRequest, type UpdateLocationRequest } from '@rideshare/contracts';
import type { HttpClient } from '@rideshare/service-kit';

/** driver-service: owns drivers. Reads and location updates (a PUT) are retried; creating a driver is not. */
export class DriverServiceClient {
  constructor(private readonly http: HttpClient) {}

  create(request: CreateDriverRequest): Promise<Driver> {
    return this.http.post('/drivers', request, Driver);
  }

  updateLocation(id: string, location: UpdateLocationRequest): Promise<Driver> {
    return this.http.put(`/drivers/${encodeURIComponent(id)}/location`, location, Driver, {
      retry: true,
    });
  }

  get(id: string): Promise<Driver> {
    return this.http.get(`/drivers/${encodeURIComponent(id)}`, Driver, { retry: true });
  }
}
