import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(__dirname, '..', 'dist', 'cli.js');

describe('rideshare-native-infra up', () => {
  // A bad port ends the command before anything starts, so the options are checked alone.
  it('reads its options after the `--` that `pnpm infra:native -- --pg-port N` passes', () => {
    const result = spawnSync(process.execPath, [CLI, 'up', '--', '--pg-port', 'none'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--pg-port must be a port number, got "none"');
  });
});
