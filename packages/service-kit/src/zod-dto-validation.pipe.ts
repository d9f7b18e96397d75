import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validate, type RequestValidationError } from './validation';
import { isZodDto } from 'nestjs-zod/dto';

const LOCATIONS: Record<ArgumentMetadata['type'], RequestValidationError['location']> = {
  body: 'body',
  query: 'query',
  param: 'params',
  custom: 'input',
};

/**
 * The global pipe of every service (`defineService` installs it): validates every `@Body()`, `@Query()` and `@Param()` with the zod schema of its
 * nestjs-zod DTO type, through the kit's `validate` (400 `RequestValidationError` naming each
 * field). An argument typed without a zod DTO is a programming error, refused loudly rather than
 * passed through unvalidated.
 */
@Injectable()
export class ZodDtoValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!isZodDto(metadata.metatype)) {
      throw new Error(
        `${metadata.type} argument '${metadata.data ?? ''}' is not typed with a zod DTO`,
      );
    }
    return validate(
      metadata.metatype.schema as Parameters<typeof validate>[0],
      value,
      LOCATIONS[metadata.type],
    );
  }
}
