import fs from 'node:fs';
import path from 'node:path';

/** The monorepo root (the directory holding pnpm-workspace.yaml) above `from`, if any. */
export function findRepoRoot(from: string = __dirname): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
