import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runningPackageName } from './running-package';

function packageWithScript(packageJson: object | undefined): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'running-package-'));
  if (packageJson) fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(packageJson));
  fs.mkdirSync(path.join(root, 'dist'));
  return path.join(root, 'dist', 'main.js');
}

describe('runningPackageName', () => {
  it('is the unscoped name of the nearest package.json above the main script', () => {
    expect(runningPackageName(packageWithScript({ name: '@rideshare/ride-service' }))).toBe(
      'ride-service',
    );
    expect(runningPackageName(packageWithScript({ name: 'plain' }))).toBe('plain');
  });

  it('is undefined without a main script or a named package', () => {
    expect(runningPackageName(undefined)).toBeUndefined();
    expect(runningPackageName(packageWithScript({ version: '1.0.0' }))).toBeUndefined();
  });
});
