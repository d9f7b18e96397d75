import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs the built demo to its end and returns its exit code and output. */
function runDemo(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'main.js'), ...args], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', PYROSCOPE_SERVER_ADDRESS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm demo --native', () => {
  it('runs the system with load for a while, then prints each service span profile of a ride trace', async () => {
    const { code, output } = await runDemo(['--native', '--rate', '3', '--duration', '25']);
    expect(code, output).toBe(0);
    expect(output).toContain('Gateway:   http://127.0.0.1:8080');

    // The last report: one line per local root span of the newest complete ride trace.
    const report = output.slice(output.lastIndexOf('\ntrace '));
    expect(report).toMatch(/^\ntrace [0-9a-f]{32}$/m);
    for (const service of [
      'load-generator',
      'api-gateway',
      'ride-service',
      'pricing-service',
      'driver-service',
    ]) {
      expect(report, output.slice(-3000)).toMatch(
        new RegExp(`^ {2}${service} .* pyroscope\\.profile\\.id=[0-9a-f]{16} `, 'm'),
      );
    }
    // Each line carries the CPU sampled under that span; the line of a span that got samples
    // names its top functions. Which functions a single short span shows is up to sampling
    // (a 10 ms period); that pricing's route estimation lands under the quote span is asserted
    // over 50 rides in packages/system-tests (span-profiles.test.ts).
    for (const line of report.split('\n').filter((l) => l.startsWith('  ')))
      expect(line).toMatch(/ CPU \d+ ms( {2}top: .+ \d+ ms)?$/);
    expect(report).toMatch(/ CPU [1-9]\d* ms {2}top: .+ [1-9]\d* ms/);
  });
});
