import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloneRepo,
  pinnedVersions,
  prefilledCache,
  runWithSystemPath,
  repoRoot,
  systemNodeMajor,
  turboCacheDir,
} from './fresh-clone';

// A fresh clone, the system's own PATH (a Node.js older than 24, or none), no pnpm: the README's
// two commands go through ./rideshare, which must get the pinned Node.js and pnpm, install and
// run. The test runs one small package's tests through it rather than the whole suite again.
describe('./rideshare from a fresh clone with only the system PATH', () => {
  let repo: string;
  let cache: string;
  const versions = pinnedVersions(repoRoot());

  beforeAll(() => {
    repo = cloneRepo();
    cache = prefilledCache(versions);
  });
  afterAll(() => {
    rmSync(dirname(repo), { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('runs on a machine whose own Node.js is older than 24 or missing', () => {
    expect(systemNodeMajor()).toBeLessThan(24);
  });

  it('prints its usage without installing anything', async () => {
    const result = await runWithSystemPath(repo, './rideshare', ['--help'], {
      RIDESHARE_CACHE: cache,
    });
    expect(result.code).toBe(0);
    expect(result.output).toContain('Usage: ./rideshare <command>');
  });

  it('gets the pinned Node.js and pnpm, installs and runs the filtered tests', async () => {
    const result = await runWithSystemPath(
      repo,
      './rideshare',
      ['test', '--', '--filter', '@rideshare/contracts'],
      { RIDESHARE_CACHE: cache },
    );
    expect(result.output).toContain(
      `using Node.js ${versions.node} and pnpm ${versions.pnpm} from ${cache}`,
    );
    expect(result.output).toContain(`rideshare: node v${versions.node}, pnpm ${versions.pnpm}`);
    expect(result.output).toContain('Packages in scope: @rideshare/contracts');
    // vitest's summary may carry colour codes, even through a pipe.
    const summary = stripVTControlCharacters(result.output);
    expect(summary).toMatch(/Tests\s+\d+ passed/);
    expect(summary).not.toMatch(/Tests\s+.*failed/);
    expect(result.code).toBe(0);
  });

  it('builds and starts the demo, which answers --help', async () => {
    const result = await runWithSystemPath(repo, './rideshare', ['demo', '--help'], {
      RIDESHARE_CACHE: cache,
      // The build outputs of this checkout, where the clone's sources are the same.
      TURBO_CACHE_DIR: turboCacheDir(),
    });
    expect(result.output).toContain('Usage: pnpm demo [--native | --docker]');
    expect(result.code).toBe(0);
  });

  it('refuses to install with the system Node.js (engines)', async () => {
    const pnpm = join(cache, `pnpm-${versions.pnpm}`, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
    const result = await runWithSystemPath(repo, 'node', [pnpm, 'install', '--frozen-lockfile']);
    expect(result.code).not.toBe(0);
    // pnpm refuses an older Node.js itself (pnpm 11 needs 22.13+); a newer one fails on engines.
    expect(result.output).toMatch(/ERR_PNPM_UNSUPPORTED_ENGINE|requires at least Node\.js/);
  });
});
