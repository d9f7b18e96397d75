import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExitCode } from '../src/exit-codes';
import { PROFILE_TYPE_ID } from '@rideshare/otel-profiling/constants';
import type { JumpReport } from '../src/report';
import { run } from '../src/run';
import { FakeGateway } from './fakes/fake-gateway';
import { FakePyroscope } from './fakes/fake-pyroscope';
import { FakeTempo } from './fakes/fake-tempo';
import { startServer } from './fakes/http-server';
import { rideTrace, traceDocument } from './fakes/otlp-trace';
import { addRideProfiles } from './fakes/ride-scenario';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const FAST = ['--interval', '0.05', '--grafana', 'http://grafana.test:3000'];

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, env, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** A URL on which nothing listens any more. */
async function closedPortUrl(): Promise<string> {
  const server = await startServer((_request, _body, response) => response.end());
  await server.close();
  return server.url;
}

let tempo: FakeTempo;
let pyroscope: FakePyroscope;

beforeEach(async () => {
  tempo = await new FakeTempo().start();
  pyroscope = await new FakePyroscope(PROFILE_TYPE_ID).start();
});

afterEach(async () => {
  await tempo.stop();
  await pyroscope.stop();
});

function backendArgs(): string[] {
  return ['--tempo', tempo.url, '--pyroscope', pyroscope.url, ...FAST];
}

describe('trace-jump against Tempo and Pyroscope APIs', () => {
  it('prints every service with its local roots, top self-CPU functions and links', async () => {
    const trace = rideTrace(TRACE_ID);
    tempo.addTrace(TRACE_ID, traceDocument(trace, 'batches', 'base64'));
    addRideProfiles(pyroscope, trace);

    const result = await runCli([TRACE_ID, ...backendArgs(), '--top', '2']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(ExitCode.ok);
    const out = result.stdout;
    expect(out).toContain(`trace ${TRACE_ID}: 9 spans, 6 local root spans in 4 services`);
    const order = ['api-gateway', 'ride-service', 'pricing-service', 'driver-service'].map((name) =>
      out.indexOf(`\n${name}\n`),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('  GET /quotes  12.00 ms  pyroscope.profile.id=c1c1c1c1c1c1c1c1');
    expect(out).toContain('    CPU 42.00 ms; top functions by self CPU:');
    expect(out).toMatch(/ 30\.00 ms +71\.4% +estimateRoute\n/);
    expect(out).toMatch(/ 10\.00 ms +23\.8% +surgeMultiplier\n/);
    expect(out).not.toMatch(/% +quote\n/); // --top 2
    expect(out).toContain('no CPU samples: the span used less CPU than one sampling interval');
    expect(out).toContain('    span in Grafana:        http://grafana.test:3000/explore?');
    expect(out).toContain('    flame graph in Grafana: http://grafana.test:3000/explore?');

    // Tempo was asked for JSON; Pyroscope got one documented request per local root.
    expect(tempo.requests[0]).toEqual({
      path: `/api/traces/${TRACE_ID}`,
      accept: 'application/json',
    });
    expect(pyroscope.rejected).toEqual([]);
    const queries = pyroscope.spanProfileQueries();
    expect(queries.map((query) => query.spanSelector)).toEqual([
      ['a1a1a1a1a1a1a1a1'],
      ['b1b1b1b1b1b1b1b1'],
      ['b3b3b3b3b3b3b3b3'],
      ['c1c1c1c1c1c1c1c1'],
      ['c2c2c2c2c2c2c2c2'],
      ['d1d1d1d1d1d1d1d1'],
    ]);
    const gateway = trace.services[0]?.spans[0];
    const gatewayQuery = pyroscope.queries.find(
      (query) =>
        query.path === '/querier.v1.QuerierService/SelectMergeSpanProfile' &&
        JSON.stringify(query.body).includes('a1a1a1a1a1a1a1a1'),
    )?.body as Record<string, unknown>;
    expect(gatewayQuery).toEqual({
      profileTypeID: 'process_cpu:cpu:nanoseconds:cpu:nanoseconds',
      labelSelector: '{service_name="api-gateway"}',
      spanSelector: ['a1a1a1a1a1a1a1a1'],
      start: expect.any(Number),
      end: expect.any(Number),
      maxNodes: 1024,
    });
    expect(gatewayQuery.start as number).toBeLessThanOrEqual(gateway!.startMs);
    expect(gatewayQuery.end as number).toBeGreaterThanOrEqual(
      gateway!.startMs + gateway!.durationMs,
    );
  });

  it('prints one JSON document on stdout with --json', async () => {
    const trace = rideTrace(TRACE_ID);
    tempo.addTrace(TRACE_ID, traceDocument(trace, 'v2', 'hex'));
    addRideProfiles(pyroscope, trace);

    const result = await runCli([TRACE_ID, ...backendArgs(), '--json']);

    expect(result.code).toBe(ExitCode.ok);
    const report = JSON.parse(result.stdout) as JumpReport;
    expect(report).toMatchObject({
      traceId: TRACE_ID,
      profileTypeId: PROFILE_TYPE_ID,
      complete: true,
      spanCount: 9,
      ride: null,
    });
    expect(
      report.services.map((service) => [
        service.service,
        service.localRoots.map((root) => root.profile.status),
      ]),
    ).toEqual([
      ['api-gateway', ['found']],
      ['ride-service', ['found', 'no-samples']],
      ['pricing-service', ['found', 'no-samples']],
      ['driver-service', ['found']],
    ]);
    const quote = report.services[2]?.localRoots[0];
    expect(quote).toMatchObject({
      spanId: 'c1c1c1c1c1c1c1c1',
      profileId: 'c1c1c1c1c1c1c1c1',
      name: 'GET /quotes',
      durationMs: 12,
    });
    expect(quote?.profile).toEqual({
      status: 'found',
      totalCpuNs: 42_000_000,
      totalCpuMs: 42,
      topFunctions: [
        { name: 'estimateRoute', selfNs: 30_000_000, selfMs: 30, percent: (30 / 42) * 100 },
        { name: 'surgeMultiplier', selfNs: 10_000_000, selfMs: 10, percent: (10 / 42) * 100 },
        { name: 'quote', selfNs: 2_000_000, selfMs: 2, percent: (2 / 42) * 100 },
      ],
    });
    const profileLink = new URL(quote!.links.profile);
    const pane = JSON.parse(profileLink.searchParams.get('panes')!) as {
      profile: { queries: { spanSelector: string[] }[] };
    };
    expect(pane.profile.queries[0]?.spanSelector).toEqual(['c1c1c1c1c1c1c1c1']);
  });

  it('waits with visible progress while the trace and its profiles are being ingested', async () => {
    const trace = rideTrace(TRACE_ID);
    tempo.addTrace(TRACE_ID, traceDocument(trace, 'resourceSpans', 'hex'), { notFoundFor: 3 });
    addRideProfiles(pyroscope, trace, 'api-gateway');
    // The gateway's profile is uploaded only after the CLI has asked for it once.
    const pending = runCli([TRACE_ID, ...backendArgs(), '--json', '--timeout', '10']);
    await vi.waitFor(() => expect(pyroscope.spanProfileQueries().length).toBeGreaterThan(0), {
      timeout: 5000,
      interval: 20,
    });
    const gatewayRoot = trace.services[0]!.spans[0]!;
    pyroscope.addSpanSamples(
      'api-gateway',
      gatewayRoot.spanId,
      { startMs: gatewayRoot.startMs, endMs: gatewayRoot.startMs + 42.5 },
      [{ stack: ['main', 'late'], selfNs: 4_000_000 }],
    );
    pyroscope.addUpload('api-gateway', Date.now());
    const result = await pending;

    expect(result.code).toBe(ExitCode.ok);
    expect(result.stderr).toMatch(
      new RegExp(`waiting for trace ${TRACE_ID} in Tempo \\(attempt 1, \\d+s\\)`),
    );
    expect(result.stderr).toMatch(/waiting for trace .* \(attempt 3, \d+s\)/);
    expect(result.stderr).toMatch(/waiting for profiles in Pyroscope \(5\/6 local roots\)/);
    expect(
      tempo.requests.filter((request) => request.path === `/api/traces/${TRACE_ID}`).length,
    ).toBeGreaterThanOrEqual(4);
    const report = JSON.parse(result.stdout) as JumpReport;
    expect(report.services[0]?.localRoots[0]?.profile).toMatchObject({
      status: 'found',
      topFunctions: [{ name: 'late', selfMs: 4 }],
    });
  });

  it('exits 5 with one line on stderr for a trace Tempo never returns', async () => {
    const result = await runCli([TRACE_ID, ...backendArgs(), '--timeout', '0.3']);

    expect(result.code).toBe(ExitCode.traceNotFound);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `trace-jump: trace ${TRACE_ID} not found in Tempo at ${tempo.url} within 0.3s`,
    );
    expect(lines.slice(0, -1).every((line) => line.includes('waiting for trace'))).toBe(true);
    expect(pyroscope.queries).toEqual([]);
  });

  it('exits 7 when the trace is there but no local root has CPU samples', async () => {
    const trace = rideTrace(TRACE_ID);
    tempo.addTrace(TRACE_ID, traceDocument(trace));
    for (const service of trace.services) pyroscope.addUpload(service.name, Date.now());

    const result = await runCli([TRACE_ID, ...backendArgs()]);

    expect(result.code).toBe(ExitCode.noProfiles);
    expect(result.stdout).toContain('6 local root spans in 4 services');
    expect(result.stderr).toContain(
      `trace-jump: no local root span of trace ${TRACE_ID} has CPU samples in Pyroscope at ${pyroscope.url}`,
    );
  });

  it('exits 4 with a clear message when Pyroscope is unreachable', async () => {
    tempo.addTrace(TRACE_ID, traceDocument(rideTrace(TRACE_ID)));
    const pyroscopeUrl = await closedPortUrl();

    const result = await runCli([
      TRACE_ID,
      '--tempo',
      tempo.url,
      '--pyroscope',
      pyroscopeUrl,
      ...FAST,
    ]);

    expect(result.code).toBe(ExitCode.pyroscopeUnavailable);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `trace-jump: Pyroscope unreachable at ${pyroscopeUrl} (ECONNREFUSED)\n`,
    );
  });

  it('exits 3 with a clear message when Tempo is unreachable or failing', async () => {
    const tempoUrl = await closedPortUrl();
    const unreachable = await runCli([
      TRACE_ID,
      '--tempo',
      tempoUrl,
      '--pyroscope',
      pyroscope.url,
      ...FAST,
    ]);
    expect(unreachable.code).toBe(ExitCode.tempoUnavailable);
    expect(unreachable.stderr).toBe(
      `trace-jump: Tempo unreachable at ${tempoUrl} (ECONNREFUSED)\n`,
    );

    tempo.addTrace(TRACE_ID, { batches: 'not a list' });
    const garbled = await runCli([TRACE_ID, ...backendArgs()]);
    expect(garbled.code).toBe(ExitCode.tempoUnavailable);
    expect(garbled.stderr).toMatch(
      /^trace-jump: Tempo returned an unexpected trace document at batches: .*\n$/,
    );
  });

  it('exits 4 when Pyroscope rejects the query, quoting its error', async () => {
    const trace = rideTrace(TRACE_ID);
    tempo.addTrace(TRACE_ID, traceDocument(trace));
    const strict = await new FakePyroscope('some:other:profile:type:id').start();
    try {
      const result = await runCli([
        TRACE_ID,
        '--tempo',
        tempo.url,
        '--pyroscope',
        strict.url,
        ...FAST,
      ]);
      expect(result.code).toBe(ExitCode.pyroscopeUnavailable);
      expect(result.stderr).toMatch(
        /^trace-jump: Pyroscope answered \/querier\.v1\.QuerierService\/\w+ with HTTP 400: .*unknown profile type/,
      );
    } finally {
      await strict.stop();
    }
  });

  it('exits 2 for a malformed trace id without calling any backend', async () => {
    const result = await runCli(['xyz-123', ...backendArgs()]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(
      /^trace-jump: malformed trace id "xyz-123": expected 32 hex characters/,
    );
    expect(tempo.requests).toEqual([]);
  });
});

describe('trace-jump without a trace id', () => {
  let gateway: FakeGateway;

  afterEach(async () => {
    await gateway.stop();
  });

  it('requests a ride under its own traceparent, waits for assignment and follows that trace', async () => {
    gateway = await new FakeGateway({
      assignedAfterGets: 2,
      onRide: (request) => {
        // The services would now export spans of the caller's trace to Tempo.
        const [, traceId, parentSpanId] = request.traceparent?.split('-') ?? [];
        const trace = rideTrace(traceId!, 60_000, parentSpanId);
        tempo.addTrace(traceId!, traceDocument(trace), { notFoundFor: 1 });
        addRideProfiles(pyroscope, trace);
      },
    }).start();

    const result = await runCli(['--gateway', gateway.url, ...backendArgs(), '--json']);

    expect(result.code).toBe(ExitCode.ok);
    expect(gateway.rideRequests).toHaveLength(1);
    const sent = gateway.rideRequests[0]!;
    expect(sent.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(sent.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(['bike', 'scooter', 'car']).toContain(sent.body.vehicle);
    expect(['us-east', 'eu-north', 'ap-south']).toContain(sent.body.region);
    expect(sent.body.riderId).toMatch(/^trace-jump-/);
    expect(gateway.rideReads).toHaveLength(2);

    const report = JSON.parse(result.stdout) as JumpReport;
    expect(report.traceId).toBe(sent.traceparent!.split('-')[1]);
    expect(report.ride).toMatchObject({ status: 'ASSIGNED', request: sent.body });
    expect(report.services).toHaveLength(4);
    expect(result.stderr).toMatch(
      /requested ride [0-9a-f-]+ \(\w+, [\w-]+\) in trace [0-9a-f]{32}/,
    );
    expect(result.stderr).toMatch(
      /waiting for ride [0-9a-f-]+ to leave REQUESTED \(attempt 1, \d+s\)/,
    );
  });

  it('exits 6 when the gateway rejects the ride or is down', async () => {
    gateway = await new FakeGateway({ assignedAfterGets: 1 }).start();
    const wrongPath = await runCli(['--gateway', `${gateway.url}/nope`, ...backendArgs()]);
    expect(wrongPath.code).toBe(ExitCode.gatewayFailed);
    expect(wrongPath.stderr).toMatch(
      /^trace-jump: api-gateway answered \/nope\/v1\/rides with HTTP 404: /,
    );

    const gatewayUrl = await closedPortUrl();
    const down = await runCli(['--gateway', gatewayUrl, ...backendArgs()]);
    expect(down.code).toBe(ExitCode.gatewayFailed);
    expect(down.stderr).toBe(
      `trace-jump: api-gateway unreachable at ${gatewayUrl} (ECONNREFUSED)\n`,
    );
  });
});

describe('trace-jump without a trace id where there is no Tempo', () => {
  it('exits 3 saying how to get one, before creating any ride', async () => {
    const gateway = await new FakeGateway({ assignedAfterGets: 1 }).start();
    try {
      const tempoUrl = await closedPortUrl();
      const result = await runCli([
        '--gateway',
        gateway.url,
        '--tempo',
        tempoUrl,
        '--pyroscope',
        pyroscope.url,
        ...FAST,
      ]);
      expect(result.code).toBe(ExitCode.tempoUnavailable);
      expect(result.stderr).toBe(
        `trace-jump: Tempo unreachable at ${tempoUrl} (ECONNREFUSED); no ride created. trace-jump ` +
          'reads traces from Tempo: start one with `pnpm compose:up` (Docker) or point --tempo / ' +
          'TEMPO_URL at yours\n',
      );
      expect(gateway.rideRequests).toHaveLength(0);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the built trace-jump bin', () => {
  const bin = resolve(__dirname, '../dist/main.js');
  const execFileAsync = promisify(execFile);

  async function spawnBin(args: string[]): Promise<CliResult> {
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], {
        env: { PATH: process.env.PATH },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('keeps stdout to the JSON document and exits 0', async () => {
    const trace = rideTrace(TRACE_ID);
    tempo.addTrace(TRACE_ID, traceDocument(trace), { notFoundFor: 1 });
    addRideProfiles(pyroscope, trace);

    const result = await spawnBin([TRACE_ID, ...backendArgs(), '--json']);

    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as JumpReport).traceId).toBe(TRACE_ID);
    expect(result.stderr).toContain('waiting for trace');
  });

  it('exits 2 on bad usage', async () => {
    const result = await spawnBin(['--top', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('trace-jump: invalid --top: must be a whole number\n');
  });
});
