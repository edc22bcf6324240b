import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../support/temp-dir';

const probe = resolve(import.meta.dirname, 'startup-host-probe.ts');

function runProbe(dataDir: string, mode: 'demo' | 'none', watchMs: number): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', probe, dataDir, mode, String(watchMs)], { encoding: 'utf8', timeout: 900_000 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`startup probe (${mode}) failed: ${run.stderr.slice(-2000)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

/** The demo start, then the start without a head office watched just as long: the same window, one difference. */
function pair(withDemoDir: string, withoutDir: string): Record<string, unknown> {
  const withDemoHeadOffice = runProbe(withDemoDir, 'demo', 5000);
  const watchMs = Number(withDemoHeadOffice.headOfficeOnlineAfterMs) + 5000;
  return { withDemoHeadOffice, withoutHeadOffice: runProbe(withoutDir, 'none', watchMs) };
}

/**
 * The host's resident memory, largest event-loop stall and `system.status` answer times
 * from start until head office is online (+5 s), with the embedded demo head office
 * (the default) beside the same start without one, watched for as long. `firstStart` creates the demo head
 * office (PGlite's initdb, the worst case); `nextStart` reopens it.
 */
export async function benchStartupHost(): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-startup-host-');
  try {
    const without = join(temp.dir, 'none');
    const withDemo = join(temp.dir, 'demo');
    const firstStart = pair(withDemo, without);
    cpSync(withDemo, join(temp.dir, 'demo-again'), { recursive: true });
    const nextStart = pair(join(temp.dir, 'demo-again'), without);
    return { firstStart, nextStart };
  } finally {
    temp.remove();
  }
}
