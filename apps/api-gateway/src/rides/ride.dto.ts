import { CreateRideRequest, Ride } from '@rideshare/contracts';
import { createZodDto } from 'nestjs-zod';

// Built from the shared zod schemas: the kit's global pipe validates with them and
// @nestjs/swagger documents them, so the OpenAPI document cannot drift from what is accepted.
export class CreateRideRequestDto extends createZodDto(
  CreateRideRequest.meta({ id: 'CreateRideRequest' }),
) {}
export class RideDto extends createZodDto(Ride.meta({ id: 'Ride' })) {}
