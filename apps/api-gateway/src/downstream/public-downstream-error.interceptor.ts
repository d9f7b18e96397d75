import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { DownstreamError, PINO_LOGGER, type Logger } from '@rideshare/service-kit';
import { catchError, throwError, type Observable } from 'rxjs';
import { toPublicDownstreamError } from './public-downstream-error';

/** Logs the full detail of a failed internal call, then rethrows its public form. */
@Injectable()
export class PublicDownstreamErrorInterceptor implements NestInterceptor {
  constructor(@Inject(PINO_LOGGER) private readonly logger: Logger) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof DownstreamError && error.getStatus() >= 500) {
          this.logger.warn(
            {
              service: error.service,
              status: error.getStatus(),
              downstreamStatus: error.downstreamStatus,
              detail: error.message,
            },
            'internal service call failed',
          );
        }
        return throwError(() => toPublicDownstreamError(error));
      }),
    );
  }
}
