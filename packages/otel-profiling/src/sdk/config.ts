import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { LabelScope, SpanLabelOptions } from '../span-profiles/span-labels';
import { runningPackageName } from './running-package';

/** Options of startTelemetry(); each one defaults from an environment variable. */
export interface TelemetryOptions {
  /** `service.name` and Pyroscope `service_name`. Env: OTEL_SERVICE_NAME (then `service.name` in OTEL_RESOURCE_ATTRIBUTES). Default: the unscoped name of the package whose main script runs. */
  serviceName?: string;
  /** `service.instance.id` and Pyroscope `service_instance_id`. Env: `service.instance.id` in OTEL_RESOURCE_ATTRIBUTES. Default: a random UUID. */
  serviceInstanceId?: string;
  /** `service.namespace`. Env: `service.namespace` in OTEL_RESOURCE_ATTRIBUTES. Default `rideshare`. */
  serviceNamespace?: string;
  /** `region` resource attribute and Pyroscope tag. Env: REGION. */
  region?: string;
  /** OTLP/HTTP base URL (`/v1/traces` is appended). Env: OTEL_EXPORTER_OTLP_ENDPOINT. Default `http://localhost:4318`. */
  otlpEndpoint?: string;
  /** Env: OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, OTEL_EXPORTER_OTLP_PROTOCOL. Default `http/protobuf`. */
  otlpProtocol?: 'http/protobuf' | 'http/json';
  /** CPU profiling on/off. Default: on when a Pyroscope server address is set. */
  profiling?: boolean;
  /** Env: PYROSCOPE_SERVER_ADDRESS. */
  pyroscopeServerAddress?: string;
  /** Pyroscope `service_name`. Env: PYROSCOPE_APPLICATION_NAME. Default: the service name. */
  pyroscopeApplicationName?: string;
  /** Env: PYROSCOPE_BASIC_AUTH_USER / PYROSCOPE_BASIC_AUTH_PASSWORD. */
  pyroscopeBasicAuthUser?: string;
  pyroscopeBasicAuthPassword?: string;
  /** Sent as `X-Scope-OrgID`. Env: PYROSCOPE_TENANT_ID. */
  pyroscopeTenantId?: string;
  /** Extra Pyroscope series labels. Env: PYROSCOPE_TAGS (`key=value,key=value`). */
  tags?: Record<string, string>;
  /** Env: PYROSCOPE_UPLOAD_INTERVAL (`15s`, `500ms`, `1m`). Default 15 s. */
  uploadIntervalMs?: number;
  /** Env: PYROSCOPE_SAMPLING_INTERVAL. Default 10 ms. */
  samplingIntervalMs?: number;
  /** Label samples with the local root span (`root`) or the innermost span (`all`). Env: PYROSCOPE_SPAN_LABEL_SCOPE. Default `root`. */
  labelScope?: LabelScope;
  /** Env: PYROSCOPE_SPAN_NAME_LABEL. Default true. */
  includeSpanName?: boolean;
  /** Env: PYROSCOPE_TRACE_ID_LABEL. Default false. */
  includeTraceId?: boolean;
  /** Upper bound of shutdown(). Default 5000 ms. */
  shutdownTimeoutMs?: number;
}

export interface ProfilingConfig {
  serverAddress: string;
  applicationName: string;
  basicAuth: { user: string; password: string } | undefined;
  tenantId: string | undefined;
  tags: Record<string, string>;
  uploadIntervalMs: number;
  samplingIntervalMs: number;
}

export interface TelemetryConfig {
  /** False when OTEL_SDK_DISABLED=true: nothing is started at all. */
  enabled: boolean;
  serviceName: string;
  serviceInstanceId: string;
  serviceNamespace: string;
  hostName: string;
  region: string | undefined;
  otlp: { protocol: 'http/protobuf' | 'http/json'; tracesUrl: string | undefined };
  profiling: ProfilingConfig | undefined;
  spanLabels: SpanLabelOptions;
  shutdownTimeoutMs: number;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

const duration = z
  .string()
  .trim()
  .regex(DURATION, 'must be a duration such as 500ms, 15s or 1m')
  .transform((text) => {
    const [, amount, unit] = DURATION.exec(text) as RegExpExecArray;
    return Number(amount) * UNIT_MS[(unit ?? 's') as keyof typeof UNIT_MS];
  })
  .refine((ms) => ms > 0, 'must be greater than zero');

const flag = z.stringbool({ error: 'must be true or false' });
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const protocol = z.enum(['http/protobuf', 'http/json'], {
  error: 'must be http/protobuf or http/json (grpc is not supported)',
});
const text = z.string().trim().min(1, 'must not be empty');

/** Pyroscope's label-name rule; one push with any other key is refused whole (400). */
const TAG_KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function tagKeyProblem(key: string): string | undefined {
  if (!TAG_KEY.test(key)) return 'must match ^[A-Za-z_][A-Za-z0-9_.]*$ (no "-")';
  if (key === 'service_name') return 'is set from the service name';
  if (key.startsWith('__')) return 'must not start with __ (reserved)';
  return undefined;
}

const tags = z.record(z.string(), z.string()).superRefine((record, context) => {
  for (const key of Object.keys(record)) {
    const problem = tagKeyProblem(key);
    if (problem) context.addIssue({ code: 'custom', message: `key "${key}" ${problem}` });
  }
});

const tagList = z
  .string()
  .regex(/^\s*([^=,]+=[^,]*)(\s*,\s*[^=,]+=[^,]*)*\s*$/, 'must look like key=value,key=value')
  .transform((list) =>
    Object.fromEntries(
      list.split(',').map((pair) => {
        const [key = '', ...value] = pair.split('=');
        return [key.trim(), value.join('=').trim()];
      }),
    ),
  )
  .pipe(tags);

const envSchema = z.object({
  OTEL_SDK_DISABLED: flag.optional(),
  OTEL_SERVICE_NAME: text.optional(),
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: protocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol.optional(),
  PYROSCOPE_SERVER_ADDRESS: httpUrl.optional(),
  PYROSCOPE_APPLICATION_NAME: text.optional(),
  PYROSCOPE_BASIC_AUTH_USER: text.optional(),
  PYROSCOPE_BASIC_AUTH_PASSWORD: z.string().optional(),
  PYROSCOPE_TENANT_ID: text.optional(),
  PYROSCOPE_TAGS: tagList.optional(),
  PYROSCOPE_UPLOAD_INTERVAL: duration.optional(),
  PYROSCOPE_SAMPLING_INTERVAL: duration.optional(),
  PYROSCOPE_SPAN_LABEL_SCOPE: z.enum(['root', 'all'], { error: 'must be root or all' }).optional(),
  PYROSCOPE_SPAN_NAME_LABEL: flag.optional(),
  PYROSCOPE_TRACE_ID_LABEL: flag.optional(),
  REGION: text.optional(),
});

const positiveMs = z.number().positive('must be a positive number of milliseconds');

const optionsSchema = z.object({
  serviceName: text.optional(),
  serviceInstanceId: text.optional(),
  serviceNamespace: text.optional(),
  region: text.optional(),
  otlpEndpoint: httpUrl.optional(),
  otlpProtocol: protocol.optional(),
  profiling: z.boolean().optional(),
  pyroscopeServerAddress: httpUrl.optional(),
  pyroscopeApplicationName: text.optional(),
  pyroscopeBasicAuthUser: text.optional(),
  pyroscopeBasicAuthPassword: z.string().optional(),
  pyroscopeTenantId: text.optional(),
  tags: tags.optional(),
  uploadIntervalMs: positiveMs.optional(),
  samplingIntervalMs: positiveMs.optional(),
  labelScope: z.enum(['root', 'all'], { error: 'must be root or all' }).optional(),
  includeSpanName: z.boolean().optional(),
  includeTraceId: z.boolean().optional(),
  shutdownTimeoutMs: positiveMs.optional(),
});

/**
 * Reads options and environment once, validates them, and fails with one
 * clear message naming every bad value.
 */
export function resolveConfig(
  options: TelemetryOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  /** The script whose package names the service by default; null for none. */
  mainScript: string | null = process.argv[1] ?? null,
): TelemetryConfig {
  const fromEnv = parseOrThrow(
    envSchema,
    pickDefined(env, Object.keys(envSchema.shape)),
    'environment variable',
  );
  const opts = parseOrThrow(optionsSchema, options, 'option');
  const resourceAttributes = parseResourceAttributes(fromEnv.OTEL_RESOURCE_ATTRIBUTES);

  const serviceName =
    opts.serviceName ??
    fromEnv.OTEL_SERVICE_NAME ??
    resourceAttributes['service.name'] ??
    runningPackageName(mainScript ?? undefined) ??
    'unknown_service:node';
  const serviceInstanceId =
    opts.serviceInstanceId ?? resourceAttributes['service.instance.id'] ?? randomUUID();
  const region = opts.region ?? fromEnv.REGION;
  const hostName = hostname();

  const serverAddress = opts.pyroscopeServerAddress ?? fromEnv.PYROSCOPE_SERVER_ADDRESS;
  const profilingOn = opts.profiling ?? serverAddress !== undefined;
  if (profilingOn && serverAddress === undefined) {
    throw new Error(
      'Invalid telemetry configuration: profiling is on but PYROSCOPE_SERVER_ADDRESS (option pyroscopeServerAddress) is not set',
    );
  }
  const user = opts.pyroscopeBasicAuthUser ?? fromEnv.PYROSCOPE_BASIC_AUTH_USER;
  const password = opts.pyroscopeBasicAuthPassword ?? fromEnv.PYROSCOPE_BASIC_AUTH_PASSWORD;

  const profiling: ProfilingConfig | undefined =
    profilingOn && serverAddress !== undefined
      ? {
          serverAddress: serverAddress.replace(/\/+$/, ''),
          applicationName:
            opts.pyroscopeApplicationName ?? fromEnv.PYROSCOPE_APPLICATION_NAME ?? serviceName,
          basicAuth: user === undefined ? undefined : { user, password: password ?? '' },
          tenantId: opts.pyroscopeTenantId ?? fromEnv.PYROSCOPE_TENANT_ID,
          tags: {
            hostname: hostName,
            service_instance_id: serviceInstanceId,
            ...(region === undefined ? {} : { region }),
            ...fromEnv.PYROSCOPE_TAGS,
            ...opts.tags,
          },
          uploadIntervalMs: opts.uploadIntervalMs ?? fromEnv.PYROSCOPE_UPLOAD_INTERVAL ?? 15_000,
          samplingIntervalMs: opts.samplingIntervalMs ?? fromEnv.PYROSCOPE_SAMPLING_INTERVAL ?? 10,
        }
      : undefined;

  const otlpBase = opts.otlpEndpoint ?? fromEnv.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    enabled: fromEnv.OTEL_SDK_DISABLED !== true,
    serviceName,
    serviceInstanceId,
    serviceNamespace:
      opts.serviceNamespace ?? resourceAttributes['service.namespace'] ?? 'rideshare',
    hostName,
    region,
    otlp: {
      protocol:
        opts.otlpProtocol ??
        fromEnv.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
        fromEnv.OTEL_EXPORTER_OTLP_PROTOCOL ??
        'http/protobuf',
      tracesUrl:
        opts.otlpEndpoint !== undefined || fromEnv.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT === undefined
          ? otlpBase && `${otlpBase.replace(/\/+$/, '')}/v1/traces`
          : fromEnv.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    },
    profiling,
    spanLabels: {
      labelScope: opts.labelScope ?? fromEnv.PYROSCOPE_SPAN_LABEL_SCOPE ?? 'root',
      includeSpanName: opts.includeSpanName ?? fromEnv.PYROSCOPE_SPAN_NAME_LABEL ?? true,
      includeTraceId: opts.includeTraceId ?? fromEnv.PYROSCOPE_TRACE_ID_LABEL ?? false,
    },
    shutdownTimeoutMs: opts.shutdownTimeoutMs ?? 5000,
  };
}

/** `key=value,key=value` with percent-encoded values, as the OTel spec defines it. */
export function parseResourceAttributes(list: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of (list ?? '').split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const key = pair.slice(0, separator).trim();
    const raw = pair.slice(separator + 1).trim();
    try {
      attributes[key] = decodeURIComponent(raw);
    } catch {
      attributes[key] = raw;
    }
  }
  return attributes;
}

function pickDefined(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    // An empty variable means "not set", as in the OTel SDKs.
    if (value !== undefined && value.trim() !== '') picked[name] = value;
  }
  return picked;
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, kind: string): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const given = (input as Record<string, unknown>)[String(issue.path[0])];
    return `${kind} ${name} ${issue.message} (got ${JSON.stringify(given)})`;
  });
  throw new Error(`Invalid telemetry configuration: ${problems.join('; ')}`);
}
