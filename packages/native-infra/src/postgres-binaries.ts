import fs from 'node:fs';
import path from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const REQUIRED = ['initdb', 'postgres'];

function hasServerBinaries(dir: string): boolean {
  return REQUIRED.every((name) => fs.existsSync(path.join(dir, name)));
}

function newestDebianBinDir(): string | undefined {
  let versions: string[];
  try {
    versions = fs.readdirSync(DEBIAN_ROOT);
  } catch {
    return undefined;
  }
  return versions
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(DEBIAN_ROOT, version, 'bin'))
    .find(hasServerBinaries);
}

function binDirOnPath(): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .find((dir) => dir !== '' && hasServerBinaries(dir));
}

/** The directory holding initdb and postgres: $PG_BIN, else the newest Debian install, else $PATH. */
export function findPostgresBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (!hasServerBinaries(fromEnv)) {
      throw new Error(
        `PG_BIN=${fromEnv} does not contain the PostgreSQL server binaries ${REQUIRED.join(' and ')}`,
      );
    }
    return fromEnv;
  }
  const found = newestDebianBinDir() ?? binDirOnPath();
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (initdb, postgres) not found in ${DEBIAN_ROOT}/*/bin or on PATH: ` +
        'install them with `apt-get install postgresql`, or set PG_BIN to their directory',
    );
  }
  return found;
}
