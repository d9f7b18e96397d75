import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from './data-dir';

const OWNER_FILE = 'native-infra-owner.pid';
const scratch: string[] = [];

function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-dir-test-'));
  scratch.push(dir);
  return dir;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

afterEach(() => {
  for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('prepareDataDir', () => {
  it('creates a temp dir owned by this process when none is requested, and removes it', () => {
    const dir = prepareDataDir(undefined, 'unit');
    expect(dir.temporary).toBe(true);
    expect(path.basename(dir.path)).toMatch(/^rideshare-unit-/);
    expect(fs.readFileSync(path.join(dir.path, OWNER_FILE), 'utf8').trim()).toBe(
      String(process.pid),
    );
    dir.remove();
    expect(fs.existsSync(dir.path)).toBe(false);
  });

  it('creates a requested dir that does not exist yet', () => {
    const requested = path.join(scratchDir(), 'nested', 'pg');
    const dir = prepareDataDir(requested, 'unit');
    expect(dir.temporary).toBe(false);
    expect(fs.readdirSync(requested)).toEqual([OWNER_FILE]);
  });

  it('refuses a non-empty dir it did not create', () => {
    const requested = scratchDir();
    fs.writeFileSync(path.join(requested, 'precious.txt'), 'keep me');
    expect(() => prepareDataDir(requested, 'unit')).toThrow(
      /not created by @rideshare\/native-infra/,
    );
    expect(fs.readFileSync(path.join(requested, 'precious.txt'), 'utf8')).toBe('keep me');
  });

  it('wipes the leftover of a run whose process is gone', () => {
    const requested = scratchDir();
    fs.writeFileSync(path.join(requested, OWNER_FILE), `${deadPid()}\n`);
    fs.mkdirSync(path.join(requested, 'pgdata'));
    prepareDataDir(requested, 'unit');
    expect(fs.readdirSync(requested)).toEqual([OWNER_FILE]);
  });

  it('refuses a dir that a live process still uses', () => {
    const requested = scratchDir();
    fs.writeFileSync(path.join(requested, OWNER_FILE), `${process.ppid}\n`);
    expect(() => prepareDataDir(requested, 'unit')).toThrow(`in use by process ${process.ppid}`);
  });
});
