import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ExitCode, JumpError } from './exit-codes';
import { parseTraceIdArgument } from './ids';

export interface Options {
  /** 32 lowercase hex chars; undefined = make a ride request and follow its trace. */
  traceId: string | undefined;
  tempoUrl: string;
  pyroscopeUrl: string;
  grafanaUrl: string;
  gatewayUrl: string;
  top: number;
  timeoutMs: number;
  intervalMs: number;
  json: boolean;
}

export type ParsedCommand = { kind: 'help' } | { kind: 'run'; options: Options };

export const USAGE = `Usage: trace-jump [traceId] [options]

Follows one distributed trace from Tempo to the CPU profile of every
service's local root span in Pyroscope. Without a trace id it makes one ride
request through the gateway and follows that trace.

Options:
  --tempo URL          Tempo query API   (env TEMPO_URL, default http://127.0.0.1:3200)
  --pyroscope URL      Pyroscope server  (env PYROSCOPE_URL or PYROSCOPE_SERVER_ADDRESS, default http://127.0.0.1:4040)
  --grafana URL        Grafana, for links (env GRAFANA_URL, default http://127.0.0.1:3000)
  --gateway URL        api-gateway       (env GATEWAY_URL, default http://127.0.0.1:8080)
  --top N              functions to list per span by self CPU (default 5)
  --timeout SECONDS    how long to wait for ingestion (default 60)
  --interval SECONDS   pause between retries (default 2)
  --json               print one JSON document on stdout (progress stays on stderr)
  -h, --help           show this help

Exit codes: 0 ok, 1 unexpected error, 2 bad usage, 3 Tempo unreachable or failing,
4 Pyroscope unreachable or failing, 5 trace not found before the timeout,
6 gateway ride request failed, 7 trace found but no span has profile samples.`;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

const seconds = (max: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .positive({ error: 'must be greater than 0' })
    .max(max, { error: `must be at most ${max}` });

const optionsSchema = z.object({
  tempo: httpUrl,
  pyroscope: httpUrl,
  grafana: httpUrl,
  gateway: httpUrl,
  top: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(100, { error: 'must be at most 100' }),
  timeout: seconds(3600),
  interval: seconds(60),
  json: z.boolean(),
});

function firstDefined(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

/** Parses argv (without node and script) and the environment; throws JumpError(usage) on bad input. */
export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedCommand {
  // `pnpm <script> -- args` passes the `--` through; treat it as nothing.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        tempo: { type: 'string' },
        pyroscope: { type: 'string' },
        grafana: { type: 'string' },
        gateway: { type: 'string' },
        top: { type: 'string' },
        timeout: { type: 'string' },
        interval: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new JumpError(ExitCode.usage, `${(error as Error).message} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };

  if (positionals.length > 1) {
    throw new JumpError(
      ExitCode.usage,
      `expected at most one trace id, got ${positionals.length} arguments`,
    );
  }
  let traceId: string | undefined;
  if (positionals[0] !== undefined) {
    const id = parseTraceIdArgument(positionals[0]);
    if (id === null) {
      throw new JumpError(
        ExitCode.usage,
        `malformed trace id "${positionals[0]}": expected 32 hex characters (or 16 for a 64-bit id), not all zero`,
      );
    }
    traceId = id;
  }

  const result = optionsSchema.safeParse({
    tempo: firstDefined(values.tempo, env.TEMPO_URL, 'http://127.0.0.1:3200'),
    pyroscope: firstDefined(
      values.pyroscope,
      env.PYROSCOPE_URL,
      env.PYROSCOPE_SERVER_ADDRESS,
      'http://127.0.0.1:4040',
    ),
    grafana: firstDefined(values.grafana, env.GRAFANA_URL, 'http://127.0.0.1:3000'),
    gateway: firstDefined(values.gateway, env.GATEWAY_URL, 'http://127.0.0.1:8080'),
    top: values.top ?? '5',
    timeout: values.timeout ?? '60',
    interval: values.interval ?? '2',
    json: values.json,
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue?.path[0] ?? 'option');
    throw new JumpError(ExitCode.usage, `invalid --${name}: ${issue?.message ?? 'invalid value'}`);
  }
  const o = result.data;
  return {
    kind: 'run',
    options: {
      traceId,
      tempoUrl: o.tempo,
      pyroscopeUrl: o.pyroscope,
      grafanaUrl: o.grafana,
      gatewayUrl: o.gateway,
      top: o.top,
      timeoutMs: Math.round(o.timeout * 1000),
      intervalMs: Math.round(o.interval * 1000),
      json: o.json,
    },
  };
}
