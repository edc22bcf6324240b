import { readdirSync, readFileSync } from 'node:fs';

export interface ChildProcessSeen {
  pid: number;
  commandLine: string;
}

/**
 * The live child processes of `parent` whose command line contains `named`, read from
 * /proc (Linux, where the suites run): a test can see where a piece of the counter runs
 * without the counter exposing its internals.
 */
export function childProcessesOf(parent: number, named: string): ChildProcessSeen[] {
  const seen: ChildProcessSeen[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces, inside parentheses): state, ppid, …
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== parent || state === 'Z') continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (commandLine.includes(named)) seen.push({ pid: Number(entry), commandLine });
    } catch {
      // The process ended while being read.
    }
  }
  return seen;
}
