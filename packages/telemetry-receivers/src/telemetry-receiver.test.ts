import { gzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetryReceiver, type TelemetryReceiver } from './telemetry-receiver';

let receiver: TelemetryReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('telemetry receiver', () => {
  it('takes trace exports and profile pushes on one URL', async () => {
    receiver = await startTelemetryReceiver();
    const traces = await fetch(`${receiver.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '0af7651916cd43dd8448eb211c80319c',
                    spanId: 'b7ad6b7169203331',
                    name: 'op',
                    kind: 2,
                  },
                ],
              },
            ],
          },
        ],
      }),
    });
    expect(traces.status).toBe(200);
    const pushed = await fetch(`${receiver.url}/push.v1.PusherService/Push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        series: [
          {
            labels: [{ name: 'service_name', value: 'svc' }],
            samples: [{ rawProfile: gzipSync(new Profile().encode()).toString('base64') }],
          },
        ],
      }),
    });
    expect(pushed.status).toBe(200);

    expect(receiver.otlpContentTypes).toEqual(['application/json']);
    expect(receiver.spans).toMatchObject([
      { serviceName: 'svc', name: 'op', spanId: 'b7ad6b7169203331', parentSpanId: undefined },
    ]);
    expect(receiver.pushes).toHaveLength(1);
    expect(receiver.profiles).toMatchObject([{ labels: { service_name: 'svc' }, gzipped: true }]);
  });
});
