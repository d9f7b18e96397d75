import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Module,
  Res,
  type DynamicModule,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { checkKafka } from './kafka';
import { withoutTracing } from './trace-context';

/** One readiness dependency: `check` resolves when healthy and throws (with a reason) when not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

/** `SELECT 1` on the pool, bounded by `timeoutMs`. */
export function postgresCheck(pool: Pool, timeoutMs = 2_000): ReadinessCheck {
  return {
    name: 'postgres',
    check: () =>
      withoutTracing(() =>
        withTimeout(
          pool.query('SELECT 1').then(() => undefined),
          timeoutMs,
          'PostgreSQL',
        ),
      ),
  };
}

/** Kafka admin `describeCluster`, bounded by `timeoutMs`. */
export function kafkaCheck(kafka: Kafka, timeoutMs = 2_000): ReadinessCheck {
  return { name: 'kafka', check: () => checkKafka(kafka, timeoutMs) };
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer from ${what} within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check in parallel. */
export async function checkReadiness(checks: ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await check();
        return [name, { status: 'up' as const }] as const;
      } catch (error) {
        return [
          name,
          {
            status: 'down' as const,
            error: error instanceof Error ? error.message : String(error),
          },
        ] as const;
      }
    }),
  );
  const report: ReadinessReport = { status: 'ok', checks: Object.fromEntries(results) };
  if (results.some(([, result]) => result.status === 'down')) report.status = 'unavailable';
  return report;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

interface StatusResponse {
  status(code: number): unknown;
}

@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** Liveness: the process serves HTTP. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 200 when every dependency answers, else 503 naming what failed. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: StatusResponse): Promise<ReadinessReport> {
    const report = await checkReadiness(this.checks);
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}

/** `GET /health` and `GET /health/ready`: `HealthModule.register([postgresCheck(pool), kafkaCheck(kafka)])`. */
@Module({})
export class HealthModule {
  static register(checks: ReadinessCheck[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: READINESS_CHECKS, useValue: checks }],
    };
  }
}
