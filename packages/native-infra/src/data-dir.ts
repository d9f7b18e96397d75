import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Written into every data dir this package creates: it marks the dir as ours (so a leftover
// of a killed run may be wiped) and names the Node.js process using it.
const OWNER_FILE = 'native-infra-owner.pid';

export interface DataDir {
  path: string;
  /** Created under the OS temp dir (rather than given by the caller). */
  temporary: boolean;
  remove(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function claimExisting(dir: string): void {
  const entries = fs.readdirSync(dir);
  if (entries.length === 0) return;
  if (!entries.includes(OWNER_FILE)) {
    throw new Error(
      `data dir ${dir} is not empty and was not created by @rideshare/native-infra; refusing to use it`,
    );
  }
  const owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8').trim());
  if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
    throw new Error(`data dir ${dir} is in use by process ${owner}; stop it first`);
  }
  // A leftover of a run that was killed: its processes died with it (parent-death signal).
  for (const entry of entries) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
}

/** A fresh, empty directory owned by this process: `requested`, or a new temp dir. */
export function prepareDataDir(requested: string | undefined, prefix: string): DataDir {
  let dir: string;
  if (requested === undefined) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `rideshare-${prefix}-`));
  } else {
    dir = path.resolve(requested);
    fs.mkdirSync(dir, { recursive: true });
    claimExisting(dir);
  }
  fs.writeFileSync(path.join(dir, OWNER_FILE), `${process.pid}\n`);
  return {
    path: dir,
    temporary: requested === undefined,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
