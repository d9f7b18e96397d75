import fs from 'node:fs';
import path from 'node:path';

/**
 * The name, without its npm scope, of the package whose main script this process runs
 * (`node … apps/ride-service/dist/main.js` → `ride-service`): the service name when none is
 * configured, so a service's name lives in its package.json and nowhere else.
 */
export function runningPackageName(mainScript: string | undefined): string | undefined {
  if (mainScript === undefined) return undefined;
  let dir = path.dirname(path.resolve(mainScript));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const { name } = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown };
      return typeof name === 'string' && name !== '' ? name.replace(/^@[^/]+\//, '') : undefined;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
