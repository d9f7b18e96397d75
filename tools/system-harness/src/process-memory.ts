import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes (Linux /proc), or undefined once it has exited. */
export function residentSetBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
