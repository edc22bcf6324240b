import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { openTestBranchLedger, verifyLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { branchUrl, makeJob } from '../support/replication-world';
import { makeTempDir } from '../support/temp-dir';
import { recomputeAttack } from './support/recompute-attack';

let ho: TestHeadOffice;
const temp = makeTempDir('repl-signed-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
}, 120_000);
afterAll(async () => {
  await ho?.close();
  temp.remove();
}, 120_000);

const makeDir = (dir: string): string => {
  mkdirSync(dir, { recursive: true });
  return dir;
};

const heldBy = async (code: string) =>
  Number((await ho.staff.query<{ n: string }>('SELECT count(*) AS n FROM ho.transfers WHERE branch_code = $1', [code])).rows[0]!.n);
const alarmsOf = async (code: string) =>
  (await ho.staff.query<{ kind: string; seq: string }>('SELECT kind, seq FROM ho.alarms WHERE branch_code = $1 ORDER BY id', [code])).rows.map((a) => [a.kind, Number(a.seq)]);

it('head office registers the journal key at first contact, keeps each batch signature, and refuses a recomputed (forged) batch and an unsigned one', async () => {
  const { role } = await ho.addBranch('SJ1');
  const url = branchUrl(ho.database.urlAs, role);
  const dir = join(temp.dir, 'SJ1');
  const branch = await openTestBranchLedger(makeDir(dir));
  branch.sell(60);
  const job = makeJob({ sqlite: branch.opened.sqlite, url, batchSize: 25 });
  expect(await job.syncNow()).toMatchObject({ ackedSeq: 60, lastError: null });
  await job.stop();
  const registered = (await ho.staff.query<{ public_key: string }>("SELECT public_key FROM ho.branches WHERE code = 'SJ1'")).rows[0]!.public_key;
  expect(registered).toBe(branch.ledger.journal.publicKey);
  // One signature per batch, each checked by head office (batches of 25 end at 25, 50, 60).
  const kept = (await ho.staff.query<{ seq: string }>("SELECT seq FROM ho.journal_signatures WHERE branch_code = 'SJ1' ORDER BY seq")).rows.map((r) => Number(r.seq));
  expect(kept).toEqual([25, 50, 60]);

  branch.sell(40);
  await branch.close();
  // Rows 61–100 never left the branch: rewritten from seq 80 with every hash recomputed.
  recomputeAttack(branch.file, 80);
  const reopened = await openTestBranchLedger(dir);
  const again = makeJob({ sqlite: reopened.opened.sqlite, url, batchSize: 200 });
  const status = await again.syncNow();
  await again.stop();
  expect(status.ackedSeq).toBe(60);
  expect(status.lastError).toMatch(/did not sign/);
  expect(await heldBy('SJ1')).toBe(60);
  expect(await alarmsOf('SJ1')).toEqual([['forged-batch', 100]]);

  // The same rows without any signature: refused too, once the branch has a registered key.
  const api = new HeadOfficeApi(await ho.connectAs(role));
  const unsigned = await api.push({ sent_at: new Date().toISOString(), transfers: reopened.transfers().slice(60) });
  expect(unsigned).toMatchObject({ status: 'unsigned', acked_seq: 60, inserted: 0 });
  expect(await heldBy('SJ1')).toBe(60);
  // Another key offered for the branch is refused and raises an alarm.
  expect(await api.registerJournalKey('A'.repeat(43) + '=')).toMatchObject({ status: 'refused' });
  expect((await alarmsOf('SJ1')).map(([kind]) => kind)).toEqual(['forged-batch', 'unsigned-batch', 'journal-key-refused']);
  await reopened.close();
}, 120_000);

it('a branch recovering from an old backup gets back the signature head office checked, so its recovered head is signed', async () => {
  const { role } = await ho.addBranch('SJ2');
  const url = branchUrl(ho.database.urlAs, role);
  const dir = join(temp.dir, 'SJ2');
  const first = await openTestBranchLedger(makeDir(dir));
  first.sell(10);
  await first.opened.sqlite.backup(join(dir, 'backup.sqlite'));
  first.sell(10);
  const job = makeJob({ sqlite: first.opened.sqlite, url });
  expect((await job.syncNow()).ackedSeq).toBe(20);
  await job.stop();
  await first.close();
  const restored = await openTestBranchLedger(dir, undefined, 'backup.sqlite');
  const recovering = makeJob({ sqlite: restored.opened.sqlite, url });
  expect(await recovering.syncNow()).toMatchObject({ localSeq: 20, ackedSeq: 20, recovering: false });
  await recovering.stop();
  expect(restored.opened.sqlite.prepare('SELECT seq FROM ledger_signatures WHERE seq = 20').get()).toEqual({ seq: 20 });
  expect(verifyLedger(restored.opened.sqlite).checks.find((c) => c.name === 'signatures')).toMatchObject({ ok: true });
  await restored.close();
}, 120_000);
