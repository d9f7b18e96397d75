import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Runs the built demo to its end and returns its exit code and output. The demo leads its own
 * process group, as under a terminal; `onOutput` sees the output so far and may signal the group.
 */
function runDemo(
  args: string[],
  onOutput: (output: string, pid: number) => void = () => {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js'), ...args], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', PYROSCOPE_SERVER_ADDRESS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      onOutput(output, child.pid!);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm demo --native', () => {
  it('runs the system with load for a while, then prints each service span profile of a ride trace', async () => {
    const { code, output } = await runDemo(['--native', '--rate', '3', '--duration', '25']);
    expect(code, output).toBe(0);
    expect(output).toContain('Gateway:   http://127.0.0.1:8080');
    // --duration is the load's own: counted from its start, not cut short by a slow start-up.
    expect(output).toContain('load-generator: 3 rides/s for 25 s');
    expect(output).toMatch(/^Load generator summary: \S+, 3 rides\/s, [\d.]+s$/m);

    // The last report, printed after every service flushed its last profile.
    const report = output.slice(output.lastIndexOf('\nspan profiles by span name'));
    const [byName = '', trace = ''] = report.split('\ntrace ');

    // Per service: its CPU, the share in spans and (idle) (never CPU), then its span names.
    for (const service of ['api-gateway', 'ride-service', 'pricing-service', 'driver-service'])
      expect(byName, output.slice(-4000)).toMatch(
        new RegExp(`^${service}: JavaScript CPU \\d+ ms, \\d+% in spans, \\(idle\\) 0%`, 'm'),
      );
    // The main spans by route or topic, each with the service's own code among its functions.
    for (const spanName of [
      'POST /v1/rides',
      'POST /rides',
      'POST /quotes',
      'process ride.requested',
    ])
      expect(byName).toMatch(
        new RegExp(`^ {2}${spanName} +\\d+ spans sampled .*\\n {3,}own code: `, 'm'),
      );
    expect(byName).not.toContain('TimeProfiler');

    // The newest complete ride trace: one line per local root span, the load generator's too.
    expect(trace).toMatch(/^[0-9a-f]{32}$/m);
    for (const service of [
      'load-generator',
      'api-gateway',
      'ride-service',
      'pricing-service',
      'driver-service',
    ]) {
      expect(trace, output.slice(-3000)).toMatch(
        new RegExp(`^ {2}${service} .* pyroscope\\.profile\\.id=[0-9a-f]{16} `, 'm'),
      );
    }
    // Each line carries the CPU sampled under that span, or says that a span with less CPU than
    // the sampling period got no sample (what one short span shows is up to sampling; the
    // span-name view above aggregates).
    for (const line of trace.split('\n').filter((l) => l.startsWith('  ')))
      expect(line).toMatch(/ CPU (\d+ ms {2}top: .+ \d+ ms|-)$/);
  });

  it('on Ctrl-C stops the load (its summary printed), then everything, and exits 0', async () => {
    let interrupted = false;
    const { code, output } = await runDemo(['--native', '--rate', '3'], (soFar, pid) => {
      // Ctrl-C once the load generator has reported progress: the whole group gets SIGINT.
      if (interrupted || !/^\[ +\d+\.\ds\] sent \d+/m.test(soFar)) return;
      interrupted = true;
      process.kill(-pid, 'SIGINT');
    });
    expect(code, output.slice(-3000)).toBe(0);
    expect(output).toContain('Stopping (Ctrl-C again to quit at once)...');
    expect(output).toMatch(/^Load generator summary: .* \(stopped early\)$/m);
    expect(output).toMatch(/^ {2}rides {7}planned \d+, sent \d+, accepted [1-9]/m);
    expect(output).toContain('Stopping the services');
    expect(output).toMatch(/^api-gateway: JavaScript CPU \d+ ms/m);
  });
});
