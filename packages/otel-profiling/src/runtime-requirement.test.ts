import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unsupportedRuntimeReason } from './runtime-requirement';

describe('unsupportedRuntimeReason', () => {
  it('accepts Node.js 24 and newer with AsyncContextFrame', () => {
    expect(unsupportedRuntimeReason('v24.21.0', [], '')).toBeUndefined();
    expect(
      unsupportedRuntimeReason('v25.1.0', ['--enable-source-maps'], '--max-old-space-size=512'),
    ).toBeUndefined();
  });

  it('refuses older Node.js', () => {
    expect(unsupportedRuntimeReason('v20.20.2', [], '')).toBe('this is Node.js v20.20.2');
  });

  it('refuses AsyncContextFrame switched off on the command line or in NODE_OPTIONS', () => {
    expect(unsupportedRuntimeReason('v24.21.0', ['--no-async-context-frame'], '')).toMatch(/off/);
    expect(unsupportedRuntimeReason('v24.21.0', [], '--no-async-context-frame')).toMatch(/off/);
  });
});

describe('exitUnlessSupportedRuntime', () => {
  const dist = join(__dirname, '..', 'dist', 'runtime-requirement.js');
  const run = (nodeArgs: string[]) =>
    spawnSync(
      process.execPath,
      [
        ...nodeArgs,
        '-e',
        `require(${JSON.stringify(dist)}).exitUnlessSupportedRuntime('probe'); console.log('ran')`,
      ],
      { encoding: 'utf8' },
    );

  it('lets a supported process run on', () => {
    const result = run([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('ran\n');
    expect(result.stderr).toBe('');
  });

  it('ends an unsupported one with exit 1 and one line saying what to do', () => {
    const result = run(['--no-async-context-frame']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('probe: needs Node.js 24 or newer with AsyncContextFrame');
    expect(result.stderr).toContain('./rideshare');
  });
});
