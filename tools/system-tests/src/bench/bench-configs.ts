import type { SystemOptions } from '@rideshare/system-harness';
import { BENCH_SERVICE_ENV } from './ride-load';

export const BASE_CONFIGS = ['bare', 'tracing only', 'full telemetry'] as const;
export type BaseConfig = (typeof BASE_CONFIGS)[number];

/** One configuration of the system: a base and environment variables added to every service. */
export interface BenchConfig {
  /** As listed: `full telemetry+PYROSCOPE_SAMPLING_INTERVAL=20ms`. */
  name: string;
  base: BaseConfig;
  env: Record<string, string>;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * BENCH_CONFIGS: configurations separated by `,`, each a base name (`bare`, `tracing only`,
 * `full telemetry`) optionally followed by `+KEY=VALUE` parts (values cannot hold `,` or `+`).
 * Throws on an unknown base, a part that is not `KEY=VALUE`, or a configuration listed twice.
 */
export function parseConfigs(list: string): BenchConfig[] {
  const configs = list.split(',').map(parseConfig);
  for (const [index, config] of configs.entries()) {
    if (configs.findIndex((other) => other.name === config.name) !== index) {
      throw new Error(`BENCH_CONFIGS: "${config.name}" is listed twice`);
    }
  }
  return configs;
}

function parseConfig(text: string): BenchConfig {
  const [base = '', ...overrides] = text.split('+').map((part) => part.trim());
  if (!(BASE_CONFIGS as readonly string[]).includes(base)) {
    throw new Error(
      `BENCH_CONFIGS: unknown configuration "${base}" (known: ${BASE_CONFIGS.join(', ')})`,
    );
  }
  const env: Record<string, string> = {};
  for (const override of overrides) {
    const equals = override.indexOf('=');
    const key = override.slice(0, equals);
    if (equals < 0 || !ENV_NAME.test(key)) {
      throw new Error(`BENCH_CONFIGS: "${override}" in "${text.trim()}" is not KEY=VALUE`);
    }
    env[key] = override.slice(equals + 1);
  }
  return { name: [base, ...overrides].join('+'), base: base as BaseConfig, env };
}

/**
 * How to start the system in a configuration. With telemetry, everything goes to `sinkUrl` (a
 * sink that reads and drops the bytes) with production settings, not the tests' fast flushing.
 */
export function systemOptions(config: BenchConfig, sinkUrl: string): SystemOptions {
  if (config.base === 'bare') {
    return { telemetry: false, sharedEnv: config.env, env: BENCH_SERVICE_ENV };
  }
  return {
    telemetry: true,
    sharedEnv: {
      OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_BSP_SCHEDULE_DELAY: '5000',
      // Profiling is off when Pyroscope's address is empty.
      PYROSCOPE_SERVER_ADDRESS: config.base === 'tracing only' ? '' : sinkUrl,
      PYROSCOPE_UPLOAD_INTERVAL: '15s',
      ...config.env,
    },
    env: BENCH_SERVICE_ENV,
  };
}

/**
 * The configuration with `flags` appended to its NODE_OPTIONS (kept, not replaced) and `env`
 * added: how a benchmark preloads or switches on something in every service.
 */
export function withNodeOptions(
  config: BenchConfig,
  flags: string,
  env: Record<string, string> = {},
): BenchConfig {
  const nodeOptions = [config.env.NODE_OPTIONS, flags].filter(Boolean).join(' ');
  return { ...config, env: { ...config.env, ...env, NODE_OPTIONS: nodeOptions } };
}
