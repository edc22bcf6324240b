import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeadOfficeApi, type PushAnswer } from '../../electron/services/headoffice/head-office-api';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { makeTempDir } from '../support/temp-dir';

let ho: TestHeadOffice;
let branch: TestBranchLedger;
const temp = makeTempDir('repl-dup-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  branch = await openTestBranchLedger(temp.dir);
}, 120_000);
afterAll(async () => {
  await branch?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

const isNonDecreasing = (values: number[]) => values.every((v, i) => i === 0 || v >= values[i - 1]!);

it('2. the same batch N times, and two senders for one branch at once: no duplicate, the cursor only moves forward', async () => {
  const { role } = await ho.addBranch('DUP1');
  branch.sell(40);
  const rows = branch.transfers();
  const batch = { sent_at: new Date().toISOString(), transfers: rows.slice(0, 25) };

  // Five times in a row on one connection, then five at once on five connections.
  const api = new HeadOfficeApi(await ho.connectAs(role));
  const sequential: PushAnswer[] = [];
  for (let i = 0; i < 5; i += 1) sequential.push(await api.push(batch));
  expect(sequential.map((a) => [a.status, a.acked_seq, a.inserted])).toEqual([['ok', 25, 25], ...Array(4).fill(['ok', 25, 0])]);
  // Five senders must all get inside head office to race on the cursor: admit them all (the
  // default admits 4 pushes at once; push-admission.test.ts covers the refusals).
  await ho.staff.query('SELECT ho.set_push_admission(8, 200)');
  const apis = await Promise.all([1, 2, 3, 4, 5].map(async () => new HeadOfficeApi(await ho.connectAs(role))));
  const concurrent = await Promise.all(apis.map((a) => a.push({ ...batch, transfers: rows.slice(10, 40) })));
  expect(concurrent.map((a) => a.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  expect(concurrent.reduce((n, a) => n + a.inserted, 0)).toBe(15);
  expect(concurrent.every((a) => a.acked_seq === 40)).toBe(true);

  // Two whole jobs on the same branch database, racing while the counter trades.
  const seen: Record<'a' | 'b', number[]> = { a: [], b: [] };
  const jobA = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role), batchSize: 7, hooks: { afterAnswer: (x) => void seen.a.push(x.acked_seq) } });
  const jobB = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role), batchSize: 11, hooks: { afterAnswer: (x) => void seen.b.push(x.acked_seq) } });
  for (let round = 0; round < 10; round += 1) {
    branch.sell(13);
    await Promise.all([jobA.syncNow(), jobB.syncNow(), jobA.syncNow()]);
  }
  const [a, b] = await Promise.all([jobA.syncNow(), jobB.syncNow()]);
  expect(a.unsynced + b.unsynced).toBe(0);
  expect(seen.a.length + seen.b.length).toBeGreaterThan(10);
  expect(isNonDecreasing(seen.a)).toBe(true);
  expect(isNonDecreasing(seen.b)).toBe(true);
  await jobA.stop();
  await jobB.stop();
  const { ackedSeq } = await expectConverged(ho.staff, 'DUP1', branch.opened.sqlite);
  expect(ackedSeq).toBe(170);
});
