import { afterAll, expect, it } from 'vitest';
import { startCounter } from '../support/counter-fixture';
import { childProcessesOf } from '../support/child-processes';
import { eventually } from '../support/replication-checks';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('demo-ho-process-');
afterAll(() => temp.remove());

const demoProcesses = () => childProcessesOf(process.pid, 'demo-head-office-process');

it('the demo head office runs in a child process of its own, is started again if it dies, and ends with the counter', async () => {
  expect(demoProcesses()).toEqual([]);
  // headOffice undefined: the counter's default, the embedded demo head office.
  const fixture = await startCounter({ dataDir: temp.dir, headOffice: undefined, replicationStartDelayMs: 0 });
  let closed = false;
  try {
    await eventually('the demo head office answered', () => fixture.counter.status().headOffice.state === 'online', 180_000);
    // PGlite is not in the counter's process: it is in exactly one child, never this pid.
    const [first, ...others] = demoProcesses();
    expect(others).toEqual([]);
    expect(first!.pid).not.toBe(process.pid);
    expect(first!.commandLine).toMatch(/demo-head-office-process\.(ts|js)/);

    // Its process killed: the counter notices at the next exchange and starts another.
    process.kill(first!.pid, 'SIGKILL');
    await eventually('a new demo head office process', () => demoProcesses().some((p) => p.pid !== first!.pid), 180_000);
    await eventually('online again', () => fixture.counter.status().headOffice.state === 'online', 180_000);
    expect(demoProcesses()).toHaveLength(1);
    const status = await fixture.ok('system.status', {});
    expect(status.headOffice).toMatchObject({ mode: 'demo', state: 'online' });

    await fixture.close();
    closed = true;
    // No orphan left holding the demo head office's folder.
    await eventually('the demo head office process ended', () => demoProcesses().length === 0, 30_000);
  } finally {
    if (!closed) await fixture.close();
  }
}, 600_000);
