import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../support/temp-dir';

const probe = resolve(import.meta.dirname, 'startup-host-probe.ts');

function runProbe(dataDir: string, mode: 'demo' | 'none'): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', probe, dataDir, mode, '5000'], { encoding: 'utf8', timeout: 900_000 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`startup probe (${mode}) failed: ${run.stderr.slice(-2000)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

/**
 * The host's resident memory, largest event-loop stall and `system.status` answer times
 * from start until head office is online (+5 s), with the embedded demo head office
 * (the default) beside the same start without one. `firstStart` creates the demo head
 * office (PGlite's initdb, the worst case); `nextStart` reopens it.
 */
export async function benchStartupHost(): Promise<Record<string, unknown>> {
  const temp = makeTempDir('bench-startup-host-');
  try {
    const without = join(temp.dir, 'none');
    const withDemo = join(temp.dir, 'demo');
    const firstWithout = runProbe(without, 'none');
    const firstWithDemo = runProbe(withDemo, 'demo');
    cpSync(withDemo, join(temp.dir, 'demo-again'), { recursive: true });
    const nextWithout = runProbe(without, 'none');
    const nextWithDemo = runProbe(join(temp.dir, 'demo-again'), 'demo');
    return {
      firstStart: { withDemoHeadOffice: firstWithDemo, withoutHeadOffice: firstWithout },
      nextStart: { withDemoHeadOffice: nextWithDemo, withoutHeadOffice: nextWithout },
    };
  } finally {
    temp.remove();
  }
}
