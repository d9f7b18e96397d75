import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Everything a run needs, validated; produced by resolveLoadOptions() or parseCommandLine(). */
export interface LoadOptions {
  /** Base URL of the api-gateway. */
  gatewayUrl: string;
  /** Ride arrivals per second (open model: fixed schedule). */
  rate: number;
  /** Exactly one of `rides` and `durationMs` is set: the run ends after that many arrivals or that long. */
  rides: number | undefined;
  durationMs: number | undefined;
  /** Extra drivers registered per vehicle and region before the run (0: none; driver-service seeds its own). */
  drivers: number;
  /** How long an accepted ride may stay REQUESTED before it counts as stuck. */
  rideTimeoutMs: number;
  /** Per HTTP request. */
  requestTimeoutMs: number;
  /** An ASSIGNED ride is completed after a random hold in [holdMinMs, holdMaxMs]. */
  holdMinMs: number;
  holdMaxMs: number;
  /** Arrivals beyond this many unfinished rides are skipped (and counted) to bound memory. */
  maxInFlight: number;
  progressIntervalMs: number;
  /** Seed of the ride generator, for reproducible runs; random when unset. */
  seed: number | undefined;
}

export type LoadOptionsInput = Partial<LoadOptions>;

export class OptionsError extends Error {
  override readonly name = 'OptionsError';
}

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:8080';
export const DEFAULT_DURATION_MS = 60_000;
const DEFAULT_HOLD_MIN_MS = 200;

const DAY_MS = 24 * 60 * 60 * 1000;
const positiveMs = (max: number) =>
  z.number().positive('must be greater than 0').max(max, `must be at most ${max} ms`);

const loadOptionsSchema = z
  .object({
    // z.url with a protocol rule, not z.httpUrl: the latter refuses hosts without a dot (127.0.0.1, api-gateway).
    gatewayUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .default(DEFAULT_GATEWAY_URL)
      .transform((url) => url.replace(/\/+$/, '')),
    rate: z
      .number()
      .positive('must be greater than 0')
      .max(1000, 'must be at most 1000 rides per second')
      .default(2),
    rides: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1_000_000, 'must be at most 1000000')
      .optional(),
    durationMs: positiveMs(DAY_MS).optional(),
    drivers: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(100, 'must be at most 100')
      .default(0),
    rideTimeoutMs: positiveMs(10 * 60_000).default(30_000),
    requestTimeoutMs: positiveMs(5 * 60_000).default(10_000),
    // Unset: 200 ms, or the maximum hold when that is shorter.
    holdMinMs: z
      .number()
      .min(0, 'must not be negative')
      .max(60_000, 'must be at most 60000 ms')
      .optional(),
    holdMaxMs: z
      .number()
      .min(0, 'must not be negative')
      .max(60_000, 'must be at most 60000 ms')
      .default(1000),
    maxInFlight: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100_000, 'must be at most 100000')
      .default(1000),
    progressIntervalMs: z.number().min(100, 'must be at least 100 ms').default(5000),
    seed: z.number().int('must be a whole number').optional(),
  })
  .superRefine((options, context) => {
    if (options.rides !== undefined && options.durationMs !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['rides'],
        message: 'give either a ride count or a duration, not both',
      });
    }
    if (options.holdMinMs !== undefined && options.holdMinMs > options.holdMaxMs) {
      context.addIssue({
        code: 'custom',
        path: ['holdMinMs'],
        message: 'must not be greater than the maximum hold',
      });
    }
  })
  .transform((options): LoadOptions => ({
    ...options,
    rides: options.rides,
    durationMs:
      options.rides === undefined ? (options.durationMs ?? DEFAULT_DURATION_MS) : undefined,
    seed: options.seed,
    holdMinMs: options.holdMinMs ?? Math.min(DEFAULT_HOLD_MIN_MS, options.holdMaxMs),
  }));

type OptionName = keyof LoadOptions;

/** Validates library input (e.g. from a benchmark) and fills in the defaults. */
export function resolveLoadOptions(input: LoadOptionsInput = {}): LoadOptions {
  const result = loadOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new OptionsError(
    `Invalid load options: ${describeIssues(result.error, (name) => name, input)}`,
  );
}

// ---------------------------------------------------------------------------
// Command line and environment
// ---------------------------------------------------------------------------

interface Source {
  flag: string;
  env: string;
  kind: 'url' | 'number' | 'duration';
}

/** Where each option comes from on the command line and in the environment. Flags win over env. */
export const OPTION_SOURCES: Record<OptionName, Source> = {
  gatewayUrl: { flag: 'gateway', env: 'GATEWAY_URL', kind: 'url' },
  rate: { flag: 'rate', env: 'LOADGEN_RATE', kind: 'number' },
  rides: { flag: 'rides', env: 'LOADGEN_RIDES', kind: 'number' },
  durationMs: { flag: 'duration', env: 'LOADGEN_DURATION', kind: 'duration' },
  drivers: { flag: 'drivers', env: 'LOADGEN_DRIVERS', kind: 'number' },
  rideTimeoutMs: { flag: 'ride-timeout', env: 'LOADGEN_RIDE_TIMEOUT', kind: 'duration' },
  requestTimeoutMs: { flag: 'request-timeout', env: 'LOADGEN_REQUEST_TIMEOUT', kind: 'duration' },
  holdMinMs: { flag: 'hold-min', env: 'LOADGEN_HOLD_MIN', kind: 'duration' },
  holdMaxMs: { flag: 'hold-max', env: 'LOADGEN_HOLD_MAX', kind: 'duration' },
  maxInFlight: { flag: 'max-in-flight', env: 'LOADGEN_MAX_IN_FLIGHT', kind: 'number' },
  progressIntervalMs: {
    flag: 'progress-interval',
    env: 'LOADGEN_PROGRESS_INTERVAL',
    kind: 'duration',
  },
  seed: { flag: 'seed', env: 'LOADGEN_SEED', kind: 'number' },
};

export const HELP = `Usage: rideshare-load-generator [options]

Creates rides through the api-gateway on a fixed arrival schedule, waits for
each to be ASSIGNED or NO_DRIVER, completes ASSIGNED rides after a short hold,
and prints progress and a summary. Durations take a unit: 500ms, 30s, 5m, 1h
(a bare number means seconds).

  --gateway URL            api-gateway base URL     (GATEWAY_URL, default ${DEFAULT_GATEWAY_URL})
  --rate N                 rides per second         (LOADGEN_RATE, default 2)
  --duration D             run this long            (LOADGEN_DURATION, default 60s)
  --rides N                or: this many rides      (LOADGEN_RIDES)
  --drivers N              extra drivers per vehicle and region registered first
                           (driver-service seeds its own)  (LOADGEN_DRIVERS, default 0)
  --ride-timeout D         max wait for ASSIGNED/NO_DRIVER (LOADGEN_RIDE_TIMEOUT, default 30s)
  --request-timeout D      per HTTP request         (LOADGEN_REQUEST_TIMEOUT, default 10s)
  --hold-min D, --hold-max D
                           hold before completing   (LOADGEN_HOLD_MIN/MAX, default 200ms..1s)
  --max-in-flight N        skip arrivals beyond this many open rides (LOADGEN_MAX_IN_FLIGHT, default 1000)
  --progress-interval D    progress line period     (LOADGEN_PROGRESS_INTERVAL, default 5s)
  --seed N                 reproducible ride mix    (LOADGEN_SEED)
  --heartbeat-file PATH    touched on every progress line (LOADGEN_HEARTBEAT_FILE)
  --json                   print the summary as JSON on stdout (progress goes to stderr)
  -h, --help               this text

Tracing and profiling are configured by the usual OTEL_* and PYROSCOPE_*
variables when started with node --require @rideshare/otel-profiling/register.`;

export interface CommandLine {
  options: LoadOptions;
  json: boolean;
  heartbeatFile: string | undefined;
  help: boolean;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

const numberText = z
  .string()
  .trim()
  .regex(/^-?\d+(?:\.\d+)?$/, 'must be a number')
  .transform(Number);

const durationText = z
  .string()
  .trim()
  .regex(DURATION, 'must be a duration such as 500ms, 30s, 5m or 1h')
  .transform((text) => {
    const [, amount, unit] = DURATION.exec(text) as RegExpExecArray;
    return Number(amount) * UNIT_MS[(unit ?? 's') as keyof typeof UNIT_MS];
  });

const TEXT_PARSERS = {
  url: z.string().trim(),
  number: numberText,
  duration: durationText,
} as const;

/**
 * Reads flags (`argv` without node and script) and environment, flags first.
 * Throws OptionsError naming each bad value by flag and variable.
 */
export function parseCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): CommandLine {
  const flags = readFlags(argv);
  const help = flags.help === true;
  const json = flags.json === true;
  const nonEmpty = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value;
  const heartbeatFile =
    nonEmpty(flagText(flags['heartbeat-file'])) ?? nonEmpty(env.LOADGEN_HEARTBEAT_FILE);

  // A ride count or duration on the command line replaces both of the environment's.
  const limitFromFlags = flags.rides !== undefined || flags.duration !== undefined;

  const raw: Partial<Record<OptionName, string>> = {};
  for (const [name, source] of Object.entries(OPTION_SOURCES) as [OptionName, Source][]) {
    const isLimit = name === 'rides' || name === 'durationMs';
    const fromEnv = isLimit && limitFromFlags ? undefined : nonEmpty(env[source.env]);
    const value = flagText(flags[source.flag]) ?? fromEnv;
    if (value !== undefined) raw[name] = value;
  }

  const converted: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, text] of Object.entries(raw) as [OptionName, string][]) {
    const result = TEXT_PARSERS[OPTION_SOURCES[name].kind].safeParse(text);
    if (result.success) converted[name] = result.data;
    else
      problems.push(
        `${sourceLabel(name)}: ${result.error.issues[0]?.message} (got ${JSON.stringify(text)})`,
      );
  }
  if (problems.length > 0) throw new OptionsError(`Invalid options: ${problems.join('; ')}`);

  const result = loadOptionsSchema.safeParse(converted);
  if (!result.success) {
    throw new OptionsError(`Invalid options: ${describeIssues(result.error, sourceLabel, raw)}`);
  }
  return { options: result.data, json, heartbeatFile, help };
}

type Flags = Record<string, string | boolean | undefined>;

function readFlags(argv: readonly string[]): Flags {
  const stringOption = { type: 'string' } as const;
  const options = Object.fromEntries(
    Object.values(OPTION_SOURCES).map((source) => [source.flag, stringOption]),
  );
  try {
    const { values } = parseArgs({
      // `pnpm load -- --rate 5` passes the `--` through; treat it as nothing.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      options: {
        ...options,
        'heartbeat-file': stringOption,
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    return values as Flags;
  } catch (error) {
    throw new OptionsError(`Invalid options: ${(error as Error).message}. See --help.`);
  }
}

function flagText(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function sourceLabel(name: string): string {
  const source = OPTION_SOURCES[name as OptionName];
  return source ? `--${source.flag} (${source.env})` : name;
}

function describeIssues(error: z.ZodError, label: (name: string) => string, input: object): string {
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0] ?? '');
      const given = (input as Record<string, unknown>)[name];
      const got = given === undefined ? '' : ` (got ${JSON.stringify(given)})`;
      return `${name ? `${label(name)}: ` : ''}${issue.message}${got}`;
    })
    .join('; ');
}
