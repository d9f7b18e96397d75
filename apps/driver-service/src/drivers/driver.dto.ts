import { CreateDriverRequest, Driver, IdParam, UpdateLocationRequest } from '@rideshare/contracts';
import { ZodValidationPipe } from '@rideshare/service-kit';

export { CreateDriverRequest, Driver, IdParam, UpdateLocationRequest };

export const createDriverPipe = new ZodValidationPipe(CreateDriverRequest, 'body');
export const updateLocationPipe = new ZodValidationPipe(UpdateLocationRequest, 'body');
export const idParamPipe = new ZodValidationPipe(IdParam, 'params');
