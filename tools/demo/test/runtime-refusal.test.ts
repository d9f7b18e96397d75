import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(__dirname, '..', '..', '..');

/** Runs `dist/main.js` of an app the way the demo and the start scripts do, with `nodeArgs` added. */
function runApp(app: string, nodeArgs: string[], node = process.execPath) {
  const register = app === 'demo' ? [] : ['--require', '@rideshare/otel-profiling/register'];
  return spawnSync(node, [...nodeArgs, ...register, join('dist', 'main.js'), '--native'], {
    cwd: app === 'demo' ? join(REPO, 'tools', 'demo') : join(REPO, 'apps', app),
    env: {
      PATH: process.env.PATH,
      OTEL_SDK_DISABLED: 'true',
      // Unreachable on purpose: a process that got past the check would fail differently.
      DATABASE_URL: 'postgres://127.0.0.1:1/none',
      KAFKA_BROKERS: '127.0.0.1:1',
    },
    encoding: 'utf8',
  });
}

describe('without AsyncContextFrame, the demo and every service stop with one message', () => {
  for (const app of ['demo', 'api-gateway', 'ride-service', 'pricing-service', 'driver-service'])
    it(app, () => {
      const result = runApp(app, ['--no-async-context-frame']);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(`^${app}: needs Node.js 24 or newer with AsyncContextFrame .*\\./rideshare`),
        ),
      ]);
    });

  const systemNode = '/usr/bin/node';
  const systemNodeMajor = Number(
    spawnSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' })
      .stdout,
  );
  it.runIf(systemNodeMajor > 0 && systemNodeMajor < 24)(
    `the demo on the machine's own Node.js ${systemNodeMajor}`,
    () => {
      const result = runApp('demo', [], systemNode);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^demo: needs Node.js 24 or newer .*this is Node.js v\d+/);
    },
  );
});
