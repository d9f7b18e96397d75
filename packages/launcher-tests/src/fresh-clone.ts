import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@rideshare/native-infra';

/** The PATH of a fresh machine: the system's own tools, nothing installed for this project. */
export const SYSTEM_PATH = '/usr/bin:/bin';

export function repoRoot(): string {
  const root = findRepoRoot(__dirname);
  if (!root) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
  return root;
}

/** The pinned versions the launcher fetches: `.nvmrc` and package.json's packageManager. */
export function pinnedVersions(root: string): { node: string; pnpm: string } {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    packageManager: string;
  };
  return {
    node: readFileSync(join(root, '.nvmrc'), 'utf8').trim(),
    pnpm: packageJson.packageManager.replace(/^pnpm@/, ''),
  };
}

/** Major version of the `node` on the system PATH, or 0 when there is none. */
export function systemNodeMajor(): number {
  const result = spawnSync('node', ['--version'], { env: { PATH: SYSTEM_PATH }, encoding: 'utf8' });
  if (result.status !== 0) return 0;
  return Number(result.stdout.trim().replace(/^v/, '').split('.')[0]);
}

/** A clone of the repository's committed HEAD in a new temporary directory. */
export function cloneRepo(): string {
  const target = join(mkdtempSync(join(tmpdir(), 'rideshare-clone-')), 'repo');
  const result = spawnSync('git', ['clone', '--quiet', repoRoot(), target], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git clone failed: ${result.stderr}`);
  return target;
}

/**
 * A new, empty launcher cache holding links to the Node.js and pnpm already fetched into the
 * user's cache (when they are there), so the launcher finds them instead of downloading again.
 */
export function prefilledCache(versions: { node: string; pnpm: string }): string {
  const cache = mkdtempSync(join(tmpdir(), 'rideshare-cache-'));
  const shared = process.env.RIDESHARE_CACHE ?? join(homedir(), '.cache', 'rideshare');
  for (const entry of [`node-${versions.node}`, `pnpm-${versions.pnpm}`]) {
    if (existsSync(join(shared, entry))) symlinkSync(join(shared, entry), join(cache, entry));
  }
  return cache;
}

/** This checkout's turbo cache: a clone of the same commit finds its build outputs there. */
export function turboCacheDir(): string {
  return join(repoRoot(), '.turbo', 'cache');
}

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs `command` in `cwd` with only HOME, the system PATH and `env`, collecting stdout and stderr. */
export function runWithSystemPath(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { HOME: homedir(), PATH: SYSTEM_PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
