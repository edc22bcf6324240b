import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { makeTempDir } from '../support/temp-dir';

let ho: TestHeadOffice;
let branch: TestBranchLedger;
let impostor: TestBranchLedger;
const temp = makeTempDir('repl-gap-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  branch = await openTestBranchLedger(temp.dir);
  impostor = await openTestBranchLedger(temp.dir, undefined, 'other-copy.sqlite');
}, 120_000);
afterAll(async () => {
  await branch?.close();
  await impostor?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

const count = async (table: string, code: string) =>
  Number((await ho.staff.query<{ n: string }>(`SELECT count(*) AS n FROM ho.${table} WHERE branch_code = $1`, [code])).rows[0]!.n);

it('3. a batch that skips ahead is refused with the expected sequence; nothing of it is kept', async () => {
  const { role } = await ho.addBranch('GAP1');
  branch.sell(30);
  const rows = branch.transfers();
  const api = new HeadOfficeApi(await ho.connectAs(role));
  expect((await api.push({ sent_at: new Date().toISOString(), transfers: rows.slice(0, 10) })).acked_seq).toBe(10);

  const skipping = await api.push({ sent_at: new Date().toISOString(), transfers: rows.slice(11, 30) });
  expect(skipping).toMatchObject({ status: 'gap', expected_seq: 11, acked_seq: 10, inserted: 0 });
  expect(skipping.detail).toMatch(/expects seq 11/);
  expect(await count('transfers', 'GAP1')).toBe(10);
  // A batch with a hole inside is refused as malformed, also whole.
  const holed = await api.push({ sent_at: new Date().toISOString(), transfers: [...rows.slice(10, 14), ...rows.slice(15, 20)] });
  expect(holed).toMatchObject({ status: 'malformed', acked_seq: 10 });
  expect(await count('transfers', 'GAP1')).toBe(10);

  const job = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role) });
  expect((await job.syncNow()).ackedSeq).toBe(30);
  await job.stop();
  await expectConverged(ho.staff, 'GAP1', branch.opened.sqlite);
});

it('4. same sequence, different content: quarantined, alarm raised, original kept', async () => {
  const { role } = await ho.addBranch('DUPSEQ');
  // Two databases claiming to be the same branch: the real one reaches head office first.
  const realLedger = await openTestBranchLedger(temp.dir, undefined, 'real.sqlite');
  realLedger.sell(12, 100);
  impostor.sell(12, 999);
  const real = makeJob({ sqlite: realLedger.opened.sqlite, url: branchUrl(ho.database.urlAs, role) });
  expect((await real.syncNow()).ackedSeq).toBe(12);

  const other = makeJob({ sqlite: impostor.opened.sqlite, url: branchUrl(ho.database.urlAs, role) });
  // The impostor's cursor says 0, so it sends seq 1..12, all different from what head office holds.
  const refused = await other.syncNow();
  expect(refused.state).toBe('offline');
  expect(refused.lastError).toMatch(/quarantined/);
  expect(refused.ackedSeq).toBe(0);
  await other.stop();

  expect(await count('quarantine', 'DUPSEQ')).toBe(12);
  const alarms = await ho.staff.query<{ kind: string }>("SELECT kind FROM ho.alarms WHERE branch_code = 'DUPSEQ'");
  // The impostor's journal key is refused first (head office holds the real branch's), then each row it offers.
  expect(alarms.rows.map((a) => a.kind)).toEqual(['journal-key-refused', ...Array<string>(12).fill('same-seq-different-hash')]);
  const kept = await ho.staff.query<{ hash: string }>("SELECT hash FROM ho.transfers WHERE branch_code = 'DUPSEQ' ORDER BY seq");
  expect(kept.rows.map((r) => r.hash)).toEqual(realLedger.transfers().map((r) => r.hash));

  realLedger.sell(5, 100);
  expect((await real.syncNow()).ackedSeq).toBe(17);
  await real.stop();
  await expectConverged(ho.staff, 'DUPSEQ', realLedger.opened.sqlite);
  await realLedger.close();
});
