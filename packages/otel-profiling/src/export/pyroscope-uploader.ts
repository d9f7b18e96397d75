import { randomUUID } from 'node:crypto';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { ProfilingConfig } from '../sdk/config';
import { PROFILE_NAME, PYROSCOPE_PUSH_PATH } from '../constants';
import { OutageReporter } from './outage-reporter';

export interface UploaderLimits {
  /** Profiles waiting while one upload is in flight; the oldest is dropped beyond this. */
  maxQueuedProfiles: number;
  /** Abort an upload that has not answered after this long. */
  timeoutMs: number;
}

/**
 * Sends gzipped pprof profiles to Pyroscope's push API (Connect protocol,
 * JSON encoding). At most one request is in flight, waiting profiles are
 * bounded, and failures are reported once per outage, never thrown.
 */
export class PyroscopeUploader {
  private readonly queue: Buffer[] = [];
  private inFlight: Promise<void> | undefined;
  private readonly aborter = new AbortController();
  private readonly outage = new OutageReporter('Pyroscope');
  private readonly url: string;
  private readonly headers: Record<string, string>;
  private readonly seriesLabels: Array<{ name: string; value: string }>;
  droppedProfiles = 0;

  constructor(
    config: ProfilingConfig,
    private readonly limits: UploaderLimits,
  ) {
    this.url = `${config.serverAddress}${PYROSCOPE_PUSH_PATH}`;
    this.headers = {
      'content-type': 'application/json',
      'connect-protocol-version': '1',
      ...(config.basicAuth === undefined
        ? {}
        : {
            authorization: `Basic ${Buffer.from(`${config.basicAuth.user}:${config.basicAuth.password}`).toString('base64')}`,
          }),
      ...(config.tenantId === undefined ? {} : { 'x-scope-orgid': config.tenantId }),
    };
    this.seriesLabels = [
      { name: '__name__', value: PROFILE_NAME },
      { name: 'service_name', value: config.applicationName },
      ...Object.entries(config.tags).map(([name, value]) => ({ name, value })),
    ];
  }

  enqueue(gzippedPprof: Buffer): void {
    this.queue.push(gzippedPprof);
    while (this.queue.length > this.limits.maxQueuedProfiles) {
      this.queue.shift();
      this.droppedProfiles++;
    }
    this.inFlight ??= this.sendQueued().finally(() => {
      this.inFlight = undefined;
    });
  }

  /** Resolves when the queue is empty (each upload is bounded by the timeout). */
  async flush(): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
  }

  /** Gives up on the upload in flight and everything queued. */
  abort(): void {
    this.queue.length = 0;
    this.aborter.abort();
  }

  private async sendQueued(): Promise<void> {
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      if (this.aborter.signal.aborted) return;
      await this.send(next);
    }
  }

  private async send(gzippedPprof: Buffer): Promise<void> {
    const body = JSON.stringify({
      series: [
        {
          labels: this.seriesLabels,
          samples: [{ ID: randomUUID(), rawProfile: gzippedPprof.toString('base64') }],
        },
      ],
    });
    try {
      // Tracing is suppressed so that the upload itself never becomes a span.
      const response = await context.with(suppressTracing(ROOT_CONTEXT), () =>
        fetch(this.url, {
          method: 'POST',
          headers: this.headers,
          body,
          signal: AbortSignal.any([
            AbortSignal.timeout(this.limits.timeoutMs),
            this.aborter.signal,
          ]),
        }),
      );
      const answer = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}: ${answer.slice(0, 200)}`);
      this.outage.success();
    } catch (error) {
      this.outage.failure(error);
    }
  }
}
