import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface DemoOptions {
  /** `docker`: docker compose runs everything; `native`: Kafka + PostgreSQL from native-infra here. */
  mode: 'auto' | 'docker' | 'native';
  /** Rides per second from the load generator. */
  rate: number;
  /** Seconds to run; 0 runs until Ctrl-C. */
  durationSeconds: number;
  /** Instances of every service (native: behind HAProxy; docker: `--scale`). */
  replicas: number;
}

export const HELP = `Usage: pnpm demo [--native | --docker] [--rate N] [--duration SECONDS] [--replicas N]

Starts PostgreSQL, Kafka, the four services and the load generator, prints where
traces and profiles go, and stops everything on Ctrl-C.

  --docker          docker compose: Kafka, PostgreSQL, Tempo, Pyroscope, Grafana and the apps
  --native          no Docker: native Kafka + PostgreSQL on 127.0.0.1, services on this machine
                    (default: docker when a Docker engine answers, otherwise native)
  --rate N          rides per second (default 2)
  --duration S      stop after S seconds (default 0: run until Ctrl-C)
  --replicas N      instances of every service (default 1); natively they run behind
                    HAProxy (Debian's haproxy package), with docker as --scale
  -h, --help        this text

Native mode sends traces and profiles to OTEL_EXPORTER_OTLP_ENDPOINT and
PYROSCOPE_SERVER_ADDRESS when set (your own Tempo and Pyroscope); otherwise it
receives them itself and prints, per trace, every service's span profile.`;

export class UsageError extends Error {}

const schema = z.object({
  rate: z.coerce
    .number({ error: '--rate must be a positive number' })
    .positive('--rate must be a positive number')
    .max(200, '--rate must be at most 200'),
  durationSeconds: z.coerce
    .number({ error: '--duration must be whole seconds' })
    .int('--duration must be whole seconds')
    .min(0, '--duration must not be negative'),
  replicas: z.coerce
    .number({ error: '--replicas must be a whole number from 1 to 6' })
    .int('--replicas must be a whole number from 1 to 6')
    .min(1, '--replicas must be a whole number from 1 to 6')
    .max(6, '--replicas must be a whole number from 1 to 6'),
});

/** Parses the command line; returns undefined for --help. */
export function parseDemoOptions(argv: string[]): DemoOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        docker: { type: 'boolean' },
        native: { type: 'boolean' },
        rate: { type: 'string', default: '2' },
        duration: { type: 'string', default: '0' },
        replicas: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return undefined;
  if (values.docker && values.native) throw new UsageError('choose one of --docker and --native');
  const parsed = schema.safeParse({
    rate: values.rate,
    durationSeconds: values.duration,
    replicas: values.replicas,
  });
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return {
    mode: values.docker ? 'docker' : values.native ? 'native' : 'auto',
    ...parsed.data,
  };
}
