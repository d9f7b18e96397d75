import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { createEvent, TOPICS } from '@rideshare/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ServiceKitModule,
  startService,
  type EventHandlers,
  type StartedService,
  type ServiceRuntime,
} from '../src';
import { produceMessages, queryRows, waitFor, waitForConsumerGroup } from '../src/testing';
import { capturingLogger, infraEnv, uniqueName } from './support';

const { databaseUrl, brokers } = infraEnv();
const schemas: string[] = [];
const completedRideIds: string[] = [];

@Injectable()
class CompletedRides {
  handlers(): EventHandlers {
    return {
      'ride.completed': async (event) => {
        completedRideIds.push(event.data.rideId);
      },
    };
  }
}

@Module({})
class TestAppModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: TestAppModule,
      imports: [ServiceKitModule.forRoot(runtime)],
      providers: [CompletedRides],
    };
  }
}

function options(log: ReturnType<typeof capturingLogger>) {
  const schema = uniqueName('sk_event_driven');
  schemas.push(schema);
  return {
    serviceName: 'service-kit-event-driven-test',
    config: {
      PORT: 0,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      LOG_LEVEL: 'debug' as const,
      KAFKA_GROUP_ID: uniqueName('sk-event-driven'),
    },
    schema,
    migrationsDir: mkdtempSync(path.join(os.tmpdir(), 'sk-empty-')),
    logger: log.logger,
    host: '127.0.0.1',
    handleSignals: false,
  };
}

const stoppedPool = (log: ReturnType<typeof capturingLogger>) =>
  log.lines().some((line) => line.msg === 'stopped the pool');

afterAll(async () => {
  for (const schema of schemas)
    await queryRows(databaseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

describe('startService', () => {
  it('serves HTTP, consumes events in its own group and stops the runtime on close', async () => {
    const log = capturingLogger('debug');
    const settings = options(log);
    let service: StartedService | undefined;
    try {
      service = await startService({
        ...settings,
        module: (runtime) => TestAppModule.forRoot(runtime),
        eventHandlers: (app) => app.get(CompletedRides).handlers(),
      });
      expect(service.runtime.relay).toBeDefined();
      expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);

      const completed = createEvent('ride.completed', {
        rideId: randomUUID(),
        driverId: 'driver-1',
        region: 'eu-north',
        vehicle: 'bike',
      });
      await produceMessages(brokers, TOPICS.rideCompleted, [
        { key: completed.data.rideId, value: completed },
      ]);
      await waitFor(() => completedRideIds.includes(completed.data.rideId), {
        description: 'the handler to receive the ride.completed event',
        timeoutMs: 60_000,
      });
      // The consumer runs in the configured group: that group commits up to the topic's end.
      await waitForConsumerGroup({
        brokers,
        groupId: settings.config.KAFKA_GROUP_ID,
        topics: [TOPICS.rideCompleted],
      });
    } finally {
      await service?.close();
    }
    expect(stoppedPool(log)).toBe(true);
  });

  it('stops the runtime again when the app fails to start, and rethrows', async () => {
    const log = capturingLogger('debug');
    await expect(
      startService({
        ...options(log),
        outbox: false,
        module: (runtime) => TestAppModule.forRoot(runtime),
        eventHandlers: () => {
          throw new Error('no handlers today');
        },
      }),
    ).rejects.toThrow('no handlers today');
    expect(stoppedPool(log)).toBe(true);
  });
});
