import { execFileSync } from 'node:child_process';

/** The account PostgreSQL runs under when this process is root (initdb/postgres refuse root). */
export interface UnprivilegedUser {
  name: string;
  uid: number;
  gid: number;
}

// Debian's postgresql package creates `postgres`; `nobody` exists everywhere else.
const CANDIDATES = ['postgres', 'nobody'];

function lookUp(name: string): UnprivilegedUser | undefined {
  try {
    const entry = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim();
    const [, , uid, gid] = entry.split(':');
    return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

/** Undefined unless running as root; then the first existing unprivileged candidate. */
export function unprivilegedUserIfRoot(): UnprivilegedUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of CANDIDATES) {
    const user = lookUp(name);
    if (user) return user;
  }
  throw new Error(
    `running as root, but none of the users ${CANDIDATES.join(', ')} exists to run PostgreSQL as (it refuses to run as root)`,
  );
}
