import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { encode } from '@datadog/pprof';
import type { ProfilingConfig } from '../sdk/config';
import { toCpuProfile } from './cpu-profile';
import { CpuSampler } from '../span-profiles/cpu-sampler';
import { logger } from '../sdk/logger';
import type { ProfilingContextManager } from '../span-profiles/profiling-context-manager';
import { PyroscopeUploader } from './pyroscope-uploader';
import type { SpanLabelProcessor } from '../span-profiles/span-labels';

/**
 * Continuous CPU profiling with span labels: samples with the CPU sampler,
 * binds span labels into the context manager (when AsyncContextFrame makes
 * that correct), and every upload interval turns the samples into a CPU
 * profile for Pyroscope.
 */
export class SpanProfiler {
  private readonly sampler = new CpuSampler();
  private readonly uploader: PyroscopeUploader;
  private timer: NodeJS.Timeout | undefined;
  private encodeFailureLogged = false;

  constructor(
    private readonly config: ProfilingConfig,
    private readonly labels: SpanLabelProcessor,
    private readonly contextManager: ProfilingContextManager,
  ) {
    this.uploader = new PyroscopeUploader(config, {
      maxQueuedProfiles: 4,
      timeoutMs: Math.min(10_000, Math.max(2_000, config.uploadIntervalMs)),
    });
  }

  /** Starts sampling; returns false (after one warning) when the profiler cannot run. */
  start(): boolean {
    try {
      this.sampler.start(this.config.samplingIntervalMs, this.config.uploadIntervalMs);
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'CPU profiler could not start (another profiler running in this process?); tracing continues without profiles',
      );
      return false;
    }
    if (this.sampler.labelsFollowAsyncContext) {
      this.contextManager.bindSpanLabels({
        profileContextFor: (ctx) => this.labels.profileContextFor(ctx),
        runInProfileContext: (profileContext, fn) =>
          this.sampler.runInProfileContext(profileContext, fn),
      });
    } else {
      logger.warn(
        { node: process.version },
        'AsyncContextFrame is not active (Node < 24 or --no-async-context-frame): span labels are disabled; CPU profiles are uploaded without span_id labels',
      );
    }
    // Created in the root context, so the timer's own work is never attributed to a span.
    this.timer = context.with(ROOT_CONTEXT, () =>
      setInterval(() => this.collectAndUpload(false), this.config.uploadIntervalMs),
    );
    this.timer.unref();
    return true;
  }

  /** Takes the last profile, uploads it and everything queued. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.contextManager.bindSpanLabels(undefined);
    if (this.sampler.isRunning) await this.collectAndUpload(true);
    await this.uploader.flush();
  }

  /** Drops what is still queued or in flight (used when shutdown runs out of time). */
  abort(): void {
    this.uploader.abort();
  }

  private async collectAndUpload(final: boolean): Promise<void> {
    try {
      const profile = toCpuProfile(
        this.sampler.collect(final, (profileContext) => this.labels.labelsOf(profileContext)),
      );
      if (profile.sample.length === 0) return;
      this.uploader.enqueue(await encode(profile));
    } catch (error) {
      if (this.encodeFailureLogged) return;
      this.encodeFailureLogged = true;
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'CPU profile could not be collected',
      );
    }
  }
}
