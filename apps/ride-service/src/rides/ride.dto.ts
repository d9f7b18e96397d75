import { CreateRideCommand, IdParam } from '@rideshare/contracts';
import { createZodDto } from 'nestjs-zod';

// Validated by the kit's global pipe: a bad field gets a 400 naming it.
export class CreateRideCommandDto extends createZodDto(CreateRideCommand) {}
export class IdParamDto extends createZodDto(IdParam) {}
