import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { eventually, expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { FaultyProxy } from '../support/tcp-proxy';
import { makeTempDir } from '../support/temp-dir';
import { ReplicationStore } from '../../electron/services/replication/replication.repository';

const SCRIPT = join(import.meta.dirname, 'support', 'push-then-die.ts');

let ho: TestHeadOffice;
let proxy: FaultyProxy;
const temp = makeTempDir('repl-crash-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await ho?.close();
  temp.remove();
}, 120_000);

interface Child {
  exited: Promise<{ signal: NodeJS.Signals | null; output: string }>;
  kill(): void;
}

function branchProcess(file: string, url: string, step: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, file, url, step], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return {
    exited: new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ signal, output }))),
    kill: () => child.kill('SIGKILL'),
  };
}

const heldSeq = async (code: string) =>
  Number((await ho.staff.query<{ s: string }>('SELECT acked_seq AS s FROM ho.branch_cursors WHERE branch_code = $1', [code])).rows[0]!.s);

it.each([
  ['before-send', 0],
  ['after-commit-before-reply', 25],
  ['after-reply-before-saving-the-cursor', 25],
])('5. branch killed with SIGKILL %s: exactly once after restart', async (step, expectedHeld) => {
  const code = `K${expectedHeld}${step.length}`;
  const { role } = await ho.addBranch(code);
  const branch = await openTestBranchLedger(temp.dir, undefined, `${code}.sqlite`);
  branch.sell(60);

  let child: Child;
  if (step === 'after-commit-before-reply') {
    // The proxy swallows head office's answer; the branch dies while waiting for it.
    const dropped = proxy.dropNextReplyTo('ho.push', false);
    child = branchProcess(branch.file, branchUrl(ho.database.urlAs, role, proxy.port), 'never');
    await dropped;
    await eventually('head office committed the batch', async () => (await heldSeq(code)) === 25);
    child.kill();
  } else {
    child = branchProcess(branch.file, branchUrl(ho.database.urlAs, role), step === 'before-send' ? 'before-send' : 'after-reply');
  }
  const { signal, output } = await child.exited;
  expect(signal, output).toBe('SIGKILL');

  // The state the crash left: head office holds the batch or not, the branch cursor never moved.
  expect(await heldSeq(code)).toBe(expectedHeld);
  expect(new ReplicationStore(branch.opened.sqlite).cursor().acked_seq).toBe(0);

  // Restart: a fresh job finishes the work, every transfer exactly once.
  const job = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role), batchSize: 25 });
  expect((await job.syncNow())).toMatchObject({ ackedSeq: 60, unsynced: 0, lastError: null });
  await job.stop();
  const { ackedSeq } = await expectConverged(ho.staff, code, branch.opened.sqlite);
  expect(ackedSeq).toBe(60);
  await branch.close();
});
