import { describe, expect, it } from 'vitest';
import { checkInvariants, NO_VIOLATIONS, SERVICE_NAMES } from '@rideshare/system-harness';
import { cpuSamples, isLocalRoot } from '@rideshare/telemetry-receivers';
import { PROFILE_ID_ATTRIBUTE } from '@rideshare/otel-profiling/constants';
import { isTerminal, postRides, waitForRides } from '../src/rides';
import { systemForTests } from './support/system-for-tests';

const REPLICAS = 2;
describe(`${REPLICAS} instances of every service behind HAProxy`, () => {
  const sut = systemForTests({
    telemetry: true,
    replicas: REPLICAS,
    env: { 'driver-service': { DRIVERS_PER_REGION_VEHICLE: '15' } },
  });

  it('spreads the work over every instance, and each instance profiles only the spans it served', async () => {
    const posted = await postRides(sut.system.gatewayUrl, 100, { concurrency: 6 });
    expect(posted.rejected).toEqual([]);
    await waitForRides(sut.system.gatewayUrl, posted.accepted, isTerminal, 120_000);

    const otlp = sut.system.otlp!;
    const pyroscope = sut.system.pyroscope!;
    const instanceOf = (span: { resource: Record<string, unknown> }) =>
      String(span.resource['service.instance.id']);
    const allInstances = SERVICE_NAMES.flatMap((name) =>
      sut.system.instances[name].map((instance) => instance.instanceId),
    );
    // Every instance served local roots, and its profiles of them have arrived.
    await expect
      .poll(
        () => {
          const served = new Set(otlp.spans.filter(isLocalRoot).map(instanceOf));
          const profiled = new Set(
            cpuSamples(pyroscope.profiles)
              .filter((sample) => sample.spanId !== undefined)
              .map((sample) => sample.instanceId),
          );
          return allInstances.filter((id) => !served.has(id) || !profiled.has(id));
        },
        { timeout: 60_000, interval: 500 },
      )
      .toEqual([]);

    const roots = otlp.spans.filter(isLocalRoot);
    const rootById = new Map(
      roots.map((span) => [String(span.attributes[PROFILE_ID_ATTRIBUTE]), span]),
    );
    const labeled = cpuSamples(pyroscope.profiles).filter((sample) => sample.spanId !== undefined);
    const foreign = labeled.filter((sample) => {
      const root = rootById.get(sample.spanId!);
      return (
        root !== undefined &&
        (root.serviceName !== sample.serviceName || instanceOf(root) !== sample.instanceId)
      );
    });
    expect(foreign).toEqual([]);
    // The trace -> profile query (service name + span id) finds samples of spans that every
    // instance served, whichever instance it was.
    for (const instanceId of allInstances) {
      const found = roots.filter(
        (root) =>
          instanceOf(root) === instanceId &&
          labeled.some(
            (sample) =>
              sample.serviceName === root.serviceName &&
              sample.spanId === root.attributes[PROFILE_ID_ATTRIBUTE],
          ),
      );
      expect(found.length, instanceId).toBeGreaterThan(0);
    }
  });

  it('loses no ride when one instance of every service is killed with SIGKILL mid-stream', async () => {
    const restarts: Array<Promise<void>> = [];
    const posted = await postRides(sut.system.gatewayUrl, 120, {
      concurrency: 8,
      before: async (n) => {
        if (n === 40) {
          for (const name of SERVICE_NAMES) {
            restarts.push(sut.system.restartInstance(name, 0, 'SIGKILL'));
          }
        }
      },
    });
    await Promise.all(restarts);
    // A request in flight on a killed gateway instance gets no answer; every other one is accepted.
    expect(posted.accepted.length + posted.rejected.length).toBe(120);
    expect(posted.rejected.filter((status) => status !== 0 && status !== 502)).toEqual([]);
    const rides = await waitForRides(sut.system.gatewayUrl, posted.accepted, isTerminal, 240_000);
    expect(rides.size).toBe(posted.accepted.length);
    expect(await checkInvariants(sut.system.postgres.url)).toEqual(NO_VIOLATIONS);
  });

  it('answers every request during a rolling restart of every service (SIGTERM, drain, start)', async () => {
    let rolled: Promise<void> | undefined;
    const posted = await postRides(sut.system.gatewayUrl, 160, {
      concurrency: 8,
      before: async (n) => {
        if (n === 20) {
          rolled = (async () => {
            for (const name of SERVICE_NAMES) await sut.system.restartService(name, 'SIGTERM');
          })();
        }
      },
    });
    await rolled;
    expect(posted.rejected).toEqual([]);
    // Retried 503s are overload answers (idempotency key kept), never a failed drain.
    expect(
      Object.keys(posted.answers).filter((status) => Number(status) >= 500 && status !== '503'),
    ).toEqual([]);
    const rides = await waitForRides(sut.system.gatewayUrl, posted.accepted, isTerminal, 240_000);
    expect(rides.size).toBe(160);
    expect(await checkInvariants(sut.system.postgres.url)).toEqual(NO_VIOLATIONS);
  });
});
