import { time } from '@datadog/pprof';
import type { Profile } from 'pprof-format';
import { SpanProfileContext, type SpanLabels } from './span-labels';

const NO_LABELS: SpanLabels = Object.freeze({});
/** The profiler context of work outside any span. */
const NO_SPAN = Object.freeze({});

/**
 * The process-wide V8 sampler of @datadog/pprof, run as a CPU profiler whose
 * samples carry span labels.
 *
 * It is the wall profiler with CPU time collection: every sample records the
 * thread CPU time used since the previous one, and the context found in the
 * current AsyncContextFrame (`useCPED`) at the moment of sampling. The
 * context is the SpanProfileContext set by `runInProfileContext`; it travels
 * with every async continuation (promises, timers, I/O callbacks) because the
 * AsyncContextFrame does.
 */
export class CpuSampler {
  private running = false;

  /** True when contexts set by runInProfileContext reach the samples (AsyncContextFrame is active). */
  labelsFollowAsyncContext = false;

  start(samplingIntervalMs: number, collectIntervalMs: number): void {
    const options = {
      intervalMicros: Math.round(samplingIntervalMs * 1000),
      durationMillis: collectIntervalMs,
      withContexts: true,
      collectCpuTime: true,
      lineNumbers: false,
    };
    try {
      time.start({ ...options, useCPED: true });
    } catch (error) {
      // Node versions without AsyncContextFrame support reject useCPED: sample
      // without per-context labels rather than not at all.
      if (!String(error).includes('useCPED')) throw error;
      time.start({ ...options, useCPED: false });
    }
    this.running = true;
    this.labelsFollowAsyncContext = contextLivesInAsyncContextFrame();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Runs `fn` so that samples taken in it and its continuations carry `profileContext`. */
  runInProfileContext<R>(profileContext: SpanProfileContext | undefined, fn: () => R): R {
    return time.runWithContext(profileContext ?? NO_SPAN, fn);
  }

  /**
   * Returns the samples taken since the last call, each labeled with
   * `labelsOf` its profiler context; keeps sampling unless `final`.
   */
  collect(final: boolean, labelsOf: (profileContext: SpanProfileContext) => SpanLabels): Profile {
    const profile = time.stop(!final, ({ context }: { context?: { context?: object } }) => {
      const profileContext = context?.context;
      // Anything else than a span's context (NO_SPAN, the start-up probe) carries no labels.
      return profileContext instanceof SpanProfileContext ? labelsOf(profileContext) : NO_LABELS;
    });
    if (final) {
      this.running = false;
      this.labelsFollowAsyncContext = false;
    }
    return profile;
  }
}

/**
 * With Node's AsyncContextFrame (default from Node 24) the context set by
 * runWithContext is what the sampler reads. Without it (`--no-async-context-frame`,
 * older Node) runWithContext runs but samples never see the context, so the
 * probe below fails and span labels must be switched off.
 */
function contextLivesInAsyncContextFrame(): boolean {
  const probe = {};
  try {
    return time.runWithContext(probe, () => time.getContext() === probe);
  } catch {
    return false;
  }
}
