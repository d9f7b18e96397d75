import { randomBytes } from 'node:crypto';
import { PROFILE_TYPE_ID } from '@rideshare/otel-profiling';
import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '@rideshare/system-harness';
import {
  cpuSamples,
  isLocalRoot,
  profileTypeIds,
  type CapturedSpan,
} from '@rideshare/telemetry-receivers';
import { isTerminal, postRide, rideRequest, waitForRides } from '../src/rides';
import { systemForTests } from './support/system-for-tests';

// The CPU-heavy functions of pricing (route estimation) and driver matching (candidate scoring).
const PRICING_HOT_FUNCTION = 'estimateRoute';
const MATCHING_HOT_FUNCTION = 'scoreCandidates';
const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CONSUMER = 5;

const localRoots = (spans: CapturedSpan[]) => spans.filter(isLocalRoot);

describe('the whole system with span profiles', () => {
  let exitCodes: Array<number | null> = [];

  const sut = systemForTests({ telemetry: true });

  it('makes one trace across all four services for one ride, each local root carrying its profile id', async () => {
    const traceId = randomBytes(16).toString('hex');
    const created = await postRide(sut.system.gatewayUrl, rideRequest(1, { vehicle: 'car' }), {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(created.status).toBe(202);
    const { id } = created.body as { id: string };
    const [ride] = [
      ...(
        await waitForRides(sut.system.gatewayUrl, [id], (r) => r.status !== 'REQUESTED')
      ).values(),
    ];
    expect(ride?.status).toBe('ASSIGNED');

    // driver.assigned is consumed by ride-service last; wait until its spans are exported.
    const otlp = sut.system.otlp!;
    await expect
      .poll(
        () =>
          otlp.spans.some(
            (s) =>
              s.traceId === traceId &&
              s.serviceName === 'ride-service' &&
              s.kind === SPAN_KIND_CONSUMER,
          ),
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    const trace = otlp.spans.filter((span) => span.traceId === traceId);
    expect(new Set(trace.map((span) => span.serviceName))).toEqual(new Set(SERVICE_NAMES));

    const serverSpan = (service: string) =>
      trace.find((span) => span.serviceName === service && span.kind === SPAN_KIND_SERVER);
    // gateway -> ride -> pricing over HTTP, each server span named `{method} {http.route}`
    for (const [service, method, route] of [
      ['api-gateway', 'POST', '/v1/rides'],
      ['ride-service', 'POST', '/rides'],
      ['pricing-service', 'POST', '/quotes'],
    ] as const) {
      expect(serverSpan(service)?.name, service).toBe(`${method} ${route}`);
      expect(serverSpan(service)?.attributes['http.route'], service).toBe(route);
    }
    // ride -> driver and driver -> ride over Kafka
    expect(
      trace.some(
        (s) =>
          s.serviceName === 'driver-service' &&
          s.kind === SPAN_KIND_CONSUMER &&
          s.name === 'process ride.requested',
      ),
    ).toBe(true);
    expect(
      trace.some((s) => s.serviceName === 'ride-service' && s.kind === SPAN_KIND_CONSUMER),
    ).toBe(true);

    const roots = localRoots(trace);
    expect(new Set(roots.map((span) => span.serviceName))).toEqual(new Set(SERVICE_NAMES));
    for (const root of roots) {
      expect(root.attributes['pyroscope.profile.id'], `${root.serviceName} ${root.name}`).toBe(
        root.spanId,
      );
    }
    const children = trace.filter((span) => !roots.includes(span));
    expect(children.length).toBeGreaterThan(0);
    for (const child of children)
      expect(
        child.attributes['pyroscope.profile.id'],
        `${child.serviceName} ${child.name}`,
      ).toBeUndefined();
  });

  it('links every service CPU samples to the profile ids of its own local root spans over 50 rides', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          postRide(sut.system.gatewayUrl, rideRequest(batch * 10 + i)),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        ids.push((answer.body as { id: string }).id);
      }
    }
    const rides = await waitForRides(sut.system.gatewayUrl, ids, isTerminal);
    expect(rides.size).toBe(50);

    // SIGTERM flushes the last spans and the last profile of every service.
    exitCodes = await sut.system.stopServices();
    expect(exitCodes).toEqual([0, 0, 0, 0]);

    const spans = sut.system.otlp!.spans;
    const pushed = sut.system.pyroscope!.profiles;
    const samples = cpuSamples(pushed);

    for (const profile of pushed) {
      expect(profileTypeIds(profile)).toContain(PROFILE_TYPE_ID);
      expect(SERVICE_NAMES).toContain(profile.labels.service_name);
    }

    const rootsById = new Map(localRoots(spans).map((span) => [span.spanId, span]));
    for (const service of SERVICE_NAMES) {
      const labeled = samples.filter((s) => s.serviceName === service && s.spanId !== undefined);
      expect(labeled.length, `${service} has labeled CPU samples`).toBeGreaterThan(0);
      for (const sample of labeled) {
        const root = rootsById.get(sample.spanId!);
        expect(root, `${service} sample span_id ${sample.spanId} is a local root`).toBeDefined();
        expect(root?.serviceName).toBe(service);
        expect(root?.attributes['pyroscope.profile.id']).toBe(sample.spanId);
        expect(sample.spanName).toBeTruthy();
      }
    }

    // The telemetry's own work (span export) belongs to no request.
    const exporting = samples.filter((s) =>
      s.stack.some((fn) => fn === 'sdkSpanToOtlpSpan' || fn === 'createExportTraceServiceRequest'),
    );
    for (const sample of exporting)
      expect(sample.spanId, `${sample.serviceName} span export labeled`).toBeUndefined();

    const hot = (service: string, fn: string) =>
      samples.filter((s) => s.serviceName === service && s.stack.includes(fn));
    const pricingHot = hot('pricing-service', PRICING_HOT_FUNCTION);
    expect(pricingHot.length).toBeGreaterThan(0);
    for (const sample of pricingHot) {
      expect(
        rootsById.get(sample.spanId ?? '')?.kind,
        'route estimation runs under the quote request span',
      ).toBe(SPAN_KIND_SERVER);
    }
    const matchingHot = hot('driver-service', MATCHING_HOT_FUNCTION);
    expect(matchingHot.length).toBeGreaterThan(0);
    for (const sample of matchingHot) {
      expect(
        rootsById.get(sample.spanId ?? '')?.kind,
        'matching runs under the Kafka process span',
      ).toBe(SPAN_KIND_CONSUMER);
    }
  });
});
