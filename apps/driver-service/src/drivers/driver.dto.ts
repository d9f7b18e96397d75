import { CreateDriverRequest, IdParam, UpdateLocationRequest } from '@rideshare/contracts';
import { createZodDto } from 'nestjs-zod';

// Validated by the kit's global pipe: a bad field gets a 400 naming it.
export class CreateDriverRequestDto extends createZodDto(CreateDriverRequest) {}
export class UpdateLocationRequestDto extends createZodDto(UpdateLocationRequest) {}
export class IdParamDto extends createZodDto(IdParam) {}
