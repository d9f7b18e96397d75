import { readFileSync } from 'node:fs';

// Linux reports utime/stime in USER_HZ ticks, which the kernel fixes at 100 per second for
// user space on every mainstream architecture.
const MS_PER_TICK = 10;

/**
 * CPU time (user + system) a process has used so far, in milliseconds (Linux /proc), or
 * undefined once it has exited.
 */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return (userTicks + systemTicks) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}
