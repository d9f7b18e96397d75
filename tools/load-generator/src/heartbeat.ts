import { closeSync, openSync, utimesSync } from 'node:fs';

/**
 * Creates or touches `path` (mtime = now). The container health check reads
 * its age: the generator has no HTTP server to probe.
 */
export function touchHeartbeat(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    closeSync(openSync(path, 'a'));
  }
}
