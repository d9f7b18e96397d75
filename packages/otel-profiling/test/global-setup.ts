import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(__dirname, '..');

function newestSourceChange(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newestSourceChange(path) : statSync(path).mtimeMs;
    }),
  );
}

function builtAt(): number {
  try {
    return statSync(join(packageDir, 'dist', 'register.js')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Tests that start a real child process (`node --require .../register`) run
 * the compiled package: build it when dist/ is missing or older than src/.
 */
export default function setup(): void {
  if (builtAt() >= newestSourceChange(join(packageDir, 'src'))) return;
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: packageDir,
      stdio: 'inherit',
    },
  );
}
