import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src';
import { FakeGateway } from './fake-gateway';

const run = promisify(execFile);
const packageDir = join(__dirname, '..');
const mainJs = join(packageDir, 'dist', 'main.js');

/** Runs the built CLI as the container does, from the package directory. */
async function cli(nodeArgs: string[], args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs, mainJs, ...args], {
      cwd: packageDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let gateway: FakeGateway | undefined;
let otlp: Server | undefined;
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  otlp?.closeAllConnections();
  await new Promise<void>((resolve) => (otlp ? otlp.close(() => resolve()) : resolve()));
  otlp = undefined;
});

beforeAll(() => {
  if (!existsSync(mainJs))
    throw new Error(
      `${mainJs} is missing: run \`pnpm build\` first (turbo does for \`pnpm test\`)`,
    );
});

describe('load-generator CLI', () => {
  it('exits 2 and names the flag and variable of an invalid option', async () => {
    const result = await cli([], ['--rate', '0'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--rate (LOADGEN_RATE): must be greater than 0 (got "0")');
  });

  it('prints the summary as JSON on stdout, progress on stderr, and touches the heartbeat file', async () => {
    gateway = await FakeGateway.start();
    const heartbeat = join(process.env.TMPDIR ?? '/tmp', `loadgen-heartbeat-${process.pid}`);
    const result = await cli(
      [],
      ['--rides', '6', '--rate', '30', '--drivers', '1', '--hold-max', '10ms', '--json'],
      {
        GATEWAY_URL: gateway.url,
        LOADGEN_PROGRESS_INTERVAL: '100ms',
        LOADGEN_HEARTBEAT_FILE: heartbeat,
      },
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.rides).toMatchObject({ planned: 6, sent: 6, accepted: 6 });
    expect(summary.finalStatus.COMPLETED).toBe(6);
    expect(summary.drivers.registered).toBe(9);
    expect(result.stderr).toContain(`6 rides against ${gateway.url}`);
    expect(existsSync(heartbeat)).toBe(true);
    rmSync(heartbeat);
  });

  it('is traced when started with the otel-profiling preload: one trace per ride', async () => {
    gateway = await FakeGateway.start();
    const exported: unknown[] = [];
    otlp = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/v1/traces')
          exported.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => otlp!.listen(0, '127.0.0.1', resolve));
    const otlpUrl = `http://127.0.0.1:${(otlp.address() as AddressInfo).port}`;

    const result = await cli(
      ['--require', '@rideshare/otel-profiling/register'],
      ['--rides', '3', '--rate', '20', '--drivers', '0'],
      {
        GATEWAY_URL: gateway.url,
        OTEL_SERVICE_NAME: 'load-generator',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        LOADGEN_HOLD_MAX: '10ms',
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Load generator summary');

    const spans = collectSpans(exported);
    expect(spans.length).toBeGreaterThan(0);
    expect(new Set(spans.map((span) => span.serviceName))).toEqual(new Set(['load-generator']));
    const rideSpans = spans.filter((span) => span.name === 'loadgen ride');
    expect(rideSpans).toHaveLength(3);
    for (const ride of rideSpans) {
      expect(ride.parentSpanId).toBeFalsy();
      expect(ride.attributes['ride.final_status']).toBe('COMPLETED');
      // The HTTP calls of a ride (create, polls, complete) are its children, in its trace.
      const children = spans.filter((span) => span.parentSpanId === ride.spanId);
      expect(children.length).toBeGreaterThanOrEqual(3);
      expect(children.every((child) => child.traceId === ride.traceId)).toBe(true);
    }
  });
});

interface ExportedSpan {
  serviceName: string | undefined;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  attributes: Record<string, unknown>;
}

type KeyValue = { key: string; value: Record<string, unknown> };

/** Flattens OTLP/JSON export requests (`resourceSpans[].scopeSpans[].spans[]`). */
function collectSpans(requests: unknown[]): ExportedSpan[] {
  const attributes = (list: KeyValue[] = []) =>
    Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));
  const spans: ExportedSpan[] = [];
  for (const request of requests as {
    resourceSpans: {
      resource: { attributes: KeyValue[] };
      scopeSpans: { spans: Record<string, unknown>[] }[];
    }[];
  }[]) {
    for (const resourceSpans of request.resourceSpans) {
      const serviceName = attributes(resourceSpans.resource.attributes)['service.name'] as
        string | undefined;
      for (const scope of resourceSpans.scopeSpans) {
        for (const span of scope.spans) {
          spans.push({
            serviceName,
            name: span.name as string,
            traceId: span.traceId as string,
            spanId: span.spanId as string,
            parentSpanId: (span.parentSpanId as string | undefined) || undefined,
            attributes: attributes(span.attributes as KeyValue[]),
          });
        }
      }
    }
  }
  return spans;
}
