import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeadOfficeApi, type PushAnswer, type PushBatch } from '../../electron/services/headoffice/head-office-api';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { FaultyProxy } from '../support/tcp-proxy';
import { makeTempDir } from '../support/temp-dir';

let ho: TestHeadOffice;
let branch: TestBranchLedger;
let proxy: FaultyProxy;
const temp = makeTempDir('repl-lost-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  branch = await openTestBranchLedger(temp.dir);
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await branch?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

it('1. reply lost after head office committed: the resend inserts nothing and gets the same answer', async () => {
  const { role } = await ho.addBranch('LOST1');
  branch.sell(50);
  const sent: PushBatch[] = [];
  const answers: PushAnswer[] = [];
  const job = makeJob({
    sqlite: branch.opened.sqlite,
    url: branchUrl(ho.database.urlAs, role, proxy.port),
    batchSize: 20,
    hooks: { beforePush: (batch) => void sent.push(batch), afterAnswer: (answer) => void answers.push(answer) },
  });

  const dropped = proxy.dropNextReplyTo('ho.push');
  const first = await job.syncNow();
  await dropped;
  expect(first.state).toBe('offline');
  expect(first.lastError).toMatch(/link to head office broke|connection/i);
  expect(answers).toHaveLength(0);
  expect(first.ackedSeq).toBe(0);
  // Head office did commit the batch whose reply was lost.
  const held = await ho.staff.query<{ acked_seq: string; acked_hash: string }>("SELECT acked_seq, acked_hash FROM ho.branch_cursors WHERE branch_code = 'LOST1'");
  expect(Number(held.rows[0]!.acked_seq)).toBe(20);

  // The very same batch sent again: nothing inserted, the answer the lost reply carried.
  const api = new HeadOfficeApi(await ho.connectAs(role));
  const resend = await api.push(sent[0]!);
  expect(resend).toMatchObject({ status: 'ok', acked_seq: 20, acked_hash: held.rows[0]!.acked_hash, inserted: 0, duplicates: 20 });
  expect(resend.acked_hash).toBe(branch.transfers()[19]!.hash);

  const after = await job.syncNow();
  expect(after).toMatchObject({ state: 'online', unsynced: 0, ackedSeq: 50, lastError: null });
  await job.stop();
  await expectConverged(ho.staff, 'LOST1', branch.opened.sqlite);
});
