import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { makeTempDir } from '../support/temp-dir';

let ho: TestHeadOffice;
let a: TestBranchLedger;
let b: TestBranchLedger;
const temp = makeTempDir('repl-roles-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  a = await openTestBranchLedger(temp.dir, undefined, 'a.sqlite');
  b = await openTestBranchLedger(temp.dir, undefined, 'b.sqlite');
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

it("9. a branch role cannot read or write another branch's rows, nor UPDATE/DELETE at head office", async () => {
  const roleA = (await ho.addBranch('RA')).role;
  const roleB = (await ho.addBranch('RB')).role;
  a.sell(15);
  b.sell(9);
  const jobA = makeJob({ sqlite: a.opened.sqlite, url: branchUrl(ho.database.urlAs, roleA) });
  const jobB = makeJob({ sqlite: b.opened.sqlite, url: branchUrl(ho.database.urlAs, roleB) });
  await Promise.all([jobA.syncNow(), jobB.syncNow()]);

  const asB = await ho.connectAs(roleB);
  for (const statement of [
    "SELECT * FROM ho.transfers WHERE branch_code = 'RA'",
    "UPDATE ho.transfers SET amount = 1 WHERE branch_code = 'RA'",
    "DELETE FROM ho.transfers WHERE branch_code = 'RB'",
    "INSERT INTO ho.transfers (branch_code, seq) VALUES ('RA', 999)",
    "UPDATE ho.branch_cursors SET acked_seq = 0 WHERE branch_code = 'RA'",
    "DELETE FROM ho.quarantine",
  ]) {
    await expect(asB.query(statement), statement).rejects.toThrow(/permission denied/);
  }
  // What B sees through its functions is B's alone, whatever it asks for.
  const apiB = new HeadOfficeApi(asB);
  expect((await apiB.transfersAfter(0, 5000)).map((r) => r.seq)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
  expect((await apiB.transfersAfter(0, 5000)).map((r) => r.hash)).toEqual(b.transfers().map((r) => r.hash));
  expect((await apiB.linkState()).branch).toBe('RB');
  // Head-office staff cannot rewrite history either.
  await expect(ho.staff.query("DELETE FROM ho.transfers WHERE branch_code = 'RA'")).rejects.toThrow(/refused/);

  await jobA.stop();
  await jobB.stop();
  await expectConverged(ho.staff, 'RA', a.opened.sqlite);
  await expectConverged(ho.staff, 'RB', b.opened.sqlite);
});
