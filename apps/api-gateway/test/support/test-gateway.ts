import { createTestDatabase, queryRows, type TestDatabase } from '@rideshare/service-kit/testing';
import { inject } from 'vitest';
import type { StartedService } from '@rideshare/service-kit';
import { service } from '../../src/service';
import { FakeService } from './fake-service';

export interface GatewayResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
}

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim (with content-type application/json unless headers say otherwise). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * The real gateway on a free port, against its own fresh database and three fake internal
 * services (real HTTP servers that record what the gateway forwarded).
 */
export class TestGateway {
  private constructor(
    readonly gateway: StartedService,
    readonly database: TestDatabase,
    readonly rideService: FakeService,
    readonly pricingService: FakeService,
    readonly driverService: FakeService,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestGateway> {
    const database = await createTestDatabase(inject('databaseUrl'), 'gateway');
    const [rideService, pricingService, driverService] = await Promise.all([
      FakeService.start(),
      FakeService.start(),
      FakeService.start(),
    ]);
    const config = service.loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: inject('kafkaBrokers'),
      RIDE_SERVICE_URL: rideService.url,
      PRICING_SERVICE_URL: pricingService.url,
      DRIVER_SERVICE_URL: driverService.url,
      ...env,
    });
    const gateway = await service.start(config, { host: '127.0.0.1', handleSignals: false });
    return new TestGateway(gateway, database, rideService, pricingService, driverService);
  }

  get url(): string {
    return this.gateway.url;
  }

  get fakes(): FakeService[] {
    return [this.rideService, this.pricingService, this.driverService];
  }

  /** Every request any internal service received. */
  get forwarded(): number {
    return this.fakes.reduce((count, fake) => count + fake.received.length, 0);
  }

  resetFakes(): void {
    for (const fake of this.fakes) fake.reset();
  }

  async request(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<GatewayResponse> {
    const body =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  idempotencyKeyRows(): Promise<Array<{ key: string; request_fingerprint: string }>> {
    return queryRows(
      this.database.url,
      'SELECT key, request_fingerprint FROM gateway.idempotency_keys ORDER BY created_at',
    );
  }

  async close(): Promise<void> {
    await this.gateway.close();
    await Promise.all(this.fakes.map((fake) => fake.close()));
    await this.database.drop();
  }
}
