import { CreateDriverRequest, Driver, UpdateLocationRequest } from '@rideshare/contracts';
import { createZodDto } from 'nestjs-zod';

// Built from the shared zod schemas: the kit's global pipe validates with them and
// @nestjs/swagger documents them, so the OpenAPI document cannot drift from what is accepted.
export class CreateDriverRequestDto extends createZodDto(
  CreateDriverRequest.meta({ id: 'CreateDriverRequest' }),
) {}
export class UpdateLocationRequestDto extends createZodDto(
  UpdateLocationRequest.meta({ id: 'UpdateLocationRequest' }),
) {}
export class DriverDto extends createZodDto(Driver.meta({ id: 'Driver' })) {}
