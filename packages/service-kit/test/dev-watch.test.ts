import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const PACKAGE_DIR = join(__dirname, '..');
const DIST = join(PACKAGE_DIR, 'dist');

function distModificationTimes(): Map<string, number> {
  return new Map(
    readdirSync(DIST)
      .filter((file) => file.endsWith('.js'))
      .map((file) => [file, statSync(join(DIST, file)).mtimeMs]),
  );
}

// `pnpm dev` runs this package's TypeScript watcher next to the services' `node --watch`, which
// restarts a service whenever a file it loaded is written. A watcher that re-emitted the whole of
// dist/ on start would restart every service once more; incremental builds leave it untouched.
it("the dev script's TypeScript watcher starts without rewriting the built dist/", async () => {
  const before = distModificationTimes();
  expect(before.size).toBeGreaterThan(0);

  const watcher = spawn(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--watch',
      '--preserveWatchOutput',
    ],
    { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    watcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Watching for file changes')) resolve();
    });
    watcher.on('exit', (code) => reject(new Error(`tsc --watch exited ${code}: ${output}`)));
  });
  watcher.kill();

  expect(output).toContain('Found 0 errors');
  expect(distModificationTimes()).toEqual(before);
});
