import {
  CreateDriverRequest,
  CreateRideRequest,
  Driver,
  ErrorBody,
  IdParam,
  Quote,
  QuoteQuery,
  Ride,
  UpdateLocationRequest,
} from '@rideshare/contracts';
import { createZodDto } from 'nestjs-zod';

// DTO classes built from the shared zod schemas: the global ZodValidationPipe
// validates with them, and @nestjs/swagger documents them, so the OpenAPI
// document can never drift from what the gateway accepts.

export class CreateRideRequestDto extends createZodDto(
  CreateRideRequest.meta({ id: 'CreateRideRequest' }),
) {}
export class RideDto extends createZodDto(Ride.meta({ id: 'Ride' })) {}
export class QuoteQueryDto extends createZodDto(QuoteQuery) {}
export class QuoteDto extends createZodDto(Quote.meta({ id: 'Quote' })) {}
export class CreateDriverRequestDto extends createZodDto(
  CreateDriverRequest.meta({ id: 'CreateDriverRequest' }),
) {}
export class UpdateLocationRequestDto extends createZodDto(
  UpdateLocationRequest.meta({ id: 'UpdateLocationRequest' }),
) {}
export class DriverDto extends createZodDto(Driver.meta({ id: 'Driver' })) {}
export class IdParamDto extends createZodDto(IdParam) {}
export class ErrorBodyDto extends createZodDto(ErrorBody.meta({ id: 'Error' })) {}
