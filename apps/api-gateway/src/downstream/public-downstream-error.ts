import { DownstreamError } from '@rideshare/service-kit';

const PUBLIC_MESSAGES: Record<number, string> = {
  502: 'failed to answer correctly',
  503: 'is unavailable',
};

/**
 * What the public may learn from a failed internal call. A downstream 4xx is the client's
 * fault and passes through untouched (status, message, issues). For 502/503 the kit's
 * message carries internal detail (socket errors with internal addresses, the downstream's
 * own message), which stays in the logs: the public message only names the service.
 */
export function toPublicDownstreamError(error: unknown): unknown {
  if (!(error instanceof DownstreamError)) return error;
  const status = error.getStatus();
  if (status < 500) return error;
  const message = `${error.service} ${PUBLIC_MESSAGES[status] ?? 'failed'}`;
  return new DownstreamError(
    error.service,
    status,
    message,
    error.downstreamStatus,
    undefined,
    error.retryAfterSeconds,
  );
}
