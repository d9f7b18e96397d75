import { logger } from '../sdk/logger';

/**
 * Logs one warning when a backend starts failing and one line when it works
 * again, instead of one line per failed attempt.
 */
export class OutageReporter {
  private failingSince: number | undefined;
  private failures = 0;

  constructor(private readonly backend: string) {}

  get isFailing(): boolean {
    return this.failingSince !== undefined;
  }

  failure(error: unknown): void {
    this.failures++;
    if (this.failingSince !== undefined) return;
    this.failingSince = Date.now();
    logger.warn(
      { backend: this.backend, err: describe(error) },
      `${this.backend} unreachable or failing; data is dropped until it recovers (no further warnings during this outage)`,
    );
  }

  success(): void {
    if (this.failingSince === undefined) return;
    logger.info(
      {
        backend: this.backend,
        outageSeconds: Math.round((Date.now() - this.failingSince) / 1000),
        failedAttempts: this.failures,
      },
      `${this.backend} recovered`,
    );
    this.failingSince = undefined;
    this.failures = 0;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
