import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Builds dist/ once so the integration tests can also run the real bin. */
export default function setup(): void {
  const packageDir = resolve(__dirname, '..');
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: packageDir,
    stdio: 'inherit',
  });
}
