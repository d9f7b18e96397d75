import { gzipSync } from 'node:zlib';
import {
  Function as PprofFunction,
  Label,
  Line,
  Location,
  Profile,
  Sample,
  StringTable,
  ValueType,
} from 'pprof-format';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuSamples, profileTypeIds, resolveSamples } from './pprof-samples';
import { startPyroscopeReceiver, type PyroscopeReceiver } from './pyroscope-receiver';

let receiver: PyroscopeReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

/** A CPU profile as the profiler writes it: samples/count + cpu/nanoseconds, span labels on one sample. */
function cpuProfile(): Profile {
  const strings = new StringTable();
  const handler = new PprofFunction({
    id: 1,
    name: strings.dedup('handleQuote'),
    filename: strings.dedup('/srv/pricing/dist/quotes.js'),
  });
  const leaf = new PprofFunction({ id: 2, name: strings.dedup('planTrip') });
  return new Profile({
    sampleType: [
      new ValueType({ type: strings.dedup('samples'), unit: strings.dedup('count') }),
      new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') }),
    ],
    periodType: new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') }),
    period: 10_000_000,
    function: [handler, leaf],
    location: [
      new Location({ id: 1, line: [new Line({ functionId: handler.id })] }),
      new Location({ id: 2, line: [new Line({ functionId: leaf.id })] }),
    ],
    sample: [
      new Sample({
        locationId: [2, 1],
        value: [3, 30_000_000],
        label: [
          new Label({ key: strings.dedup('span_id'), str: strings.dedup('a1b2c3d4e5f60718') }),
          new Label({ key: strings.dedup('span_name'), str: strings.dedup('POST /quotes') }),
          new Label({ key: strings.dedup('bytes'), num: 512 }),
        ],
      }),
      new Sample({ locationId: [1], value: [1, 10_000_000] }),
    ],
    stringTable: strings,
  });
}

/** Pushes like a Pyroscope client: Connect JSON, the pprof gzipped and base64-encoded. */
async function push(url: string, rawProfile: Buffer): Promise<Response> {
  return fetch(`${url}/push.v1.PusherService/Push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Basic dTpw' },
    body: JSON.stringify({
      series: [
        {
          labels: [
            { name: '__name__', value: 'process_cpu' },
            { name: 'service_name', value: 'pricing-service' },
          ],
          samples: [{ ID: 'push-1', rawProfile: rawProfile.toString('base64') }],
        },
      ],
    }),
  });
}

describe('Pyroscope push receiver', () => {
  it('decodes a gzipped pprof push with its series labels and request headers', async () => {
    receiver = await startPyroscopeReceiver();
    const response = await push(receiver.url, gzipSync(cpuProfile().encode()));
    expect(response.status).toBe(200);

    expect(receiver.pushes).toHaveLength(1);
    const [received] = receiver.pushes;
    expect(received!.path).toBe('/push.v1.PusherService/Push');
    expect(received!.headers.authorization).toBe('Basic dTpw');
    expect(received!.series).toHaveLength(1);
    expect(receiver.profiles).toHaveLength(1);
    const [captured] = receiver.profiles;
    expect(captured).toMatchObject({
      labels: { __name__: 'process_cpu', service_name: 'pricing-service' },
      id: 'push-1',
      gzipped: true,
    });
    expect(received!.series[0]!.profiles[0]).toBe(captured);

    expect(profileTypeIds(captured!)).toEqual([
      'process_cpu:samples:count:cpu:nanoseconds',
      'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
    ]);
    expect(resolveSamples(captured!.profile)).toEqual([
      {
        functions: ['planTrip', 'handleQuote'],
        files: ['', '/srv/pricing/dist/quotes.js'],
        labels: { span_id: 'a1b2c3d4e5f60718', span_name: 'POST /quotes' },
        numericLabelKeys: ['bytes'],
        values: [3, 30_000_000],
      },
      {
        functions: ['handleQuote'],
        files: ['/srv/pricing/dist/quotes.js'],
        labels: {},
        numericLabelKeys: [],
        values: [1, 10_000_000],
      },
    ]);
    expect(cpuSamples(receiver.profiles)).toEqual([
      {
        serviceName: 'pricing-service',
        spanId: 'a1b2c3d4e5f60718',
        spanName: 'POST /quotes',
        stack: ['planTrip', 'handleQuote'],
        files: ['', '/srv/pricing/dist/quotes.js'],
        cpuNanos: 30_000_000,
      },
      {
        serviceName: 'pricing-service',
        spanId: undefined,
        spanName: undefined,
        stack: ['handleQuote'],
        files: ['/srv/pricing/dist/quotes.js'],
        cpuNanos: 10_000_000,
      },
    ]);
  });

  it('also accepts an uncompressed pprof, and says so', async () => {
    receiver = await startPyroscopeReceiver();
    expect((await push(receiver.url, Buffer.from(cpuProfile().encode()))).status).toBe(200);
    expect(receiver.profiles.map((profile) => profile.gzipped)).toEqual([false]);
    expect(cpuSamples(receiver.profiles)).toHaveLength(2);
  });

  it('answers 404 to other paths and 400 to a body it cannot decode', async () => {
    receiver = await startPyroscopeReceiver();
    const post = (path: string, body: string) =>
      fetch(`${receiver!.url}${path}`, { method: 'POST', body });
    expect((await post('/ingest', '{}')).status).toBe(404);
    expect((await post('/push.v1.PusherService/Push', 'not json')).status).toBe(400);
    expect(receiver.pushes).toEqual([]);
  });
});
