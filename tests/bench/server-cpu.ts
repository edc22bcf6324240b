import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Linux's clock ticks per second for /proc times (USER_HZ: 100 on every architecture Linux ships). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds a PostgreSQL cluster has used so far: the postmaster's own, its finished
 * children's (the kernel adds a child's time to its parent's once it is reaped) and its
 * running children's. On a machine shared with other work, wall time says little about
 * what head office itself spent; this says exactly that. Linux only; null elsewhere.
 */
export function clusterCpuSeconds(dataDir: string): number | null {
  try {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const own = stat(postmaster);
    if (!own) return null;
    let ticks = own.utime + own.stime + own.cutime + own.cstime;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = stat(Number(entry));
      if (child?.ppid === postmaster) ticks += child.utime + child.stime;
    }
    return ticks / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function stat(pid: number): { ppid: number; utime: number; stime: number; cutime: number; cstime: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name is in parentheses and may hold spaces: the fields after it are fixed.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { ppid: at(4), utime: at(14), stime: at(15), cutime: at(16), cstime: at(17) };
}
