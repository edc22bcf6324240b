import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Clock } from '../../electron/services/clock';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { expectConverged } from '../support/replication-checks';
import { branchUrl, makeJob } from '../support/replication-world';
import { makeTempDir } from '../support/temp-dir';

const DAY = 86_400_000;
let offset = 0;
const clock: Clock = { now: () => new Date(Date.now() + offset) };
let ho: TestHeadOffice;
let branch: TestBranchLedger;
const temp = makeTempDir('repl-clock-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  branch = await openTestBranchLedger(temp.dir, clock);
}, 120_000);
afterAll(async () => {
  await branch?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

it('7. branch clock moved backwards and forwards by days: order follows seq, skew flagged, not rejected', async () => {
  const { role } = await ho.addBranch('CLK1');
  const job = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role), clock, batchSize: 10 });
  branch.sell(10);
  expect((await job.syncNow()).ackedSeq).toBe(10);

  offset = -3 * DAY;
  branch.sell(10);
  const behind = await job.syncNow();
  expect(behind).toMatchObject({ ackedSeq: 20, lastError: null, state: 'online' });
  expect(job.status().clockSkewSeconds).toBeLessThan(-2 * 86_400);

  offset = 5 * DAY;
  branch.sell(10);
  offset = 4 * DAY;
  branch.sell(10);
  expect((await job.syncNow()).ackedSeq).toBe(40);
  expect(job.status().clockSkewSeconds).toBeGreaterThan(3 * 86_400);
  await job.stop();

  const alarms = await ho.staff.query<{ kind: string; seq: string }>("SELECT kind, seq FROM ho.alarms WHERE branch_code = 'CLK1' ORDER BY id");
  const kinds = alarms.rows.map((a) => a.kind);
  expect(kinds).toContain('clock-skew');
  // Going back three days at seq 11, and one day at seq 31: flagged where it happened.
  expect(alarms.rows.filter((a) => a.kind === 'clock-backwards').map((a) => Number(a.seq))).toEqual([11, 31]);
  const held = await ho.staff.query<{ seq: string; at: string }>("SELECT seq, at FROM ho.transfers WHERE branch_code = 'CLK1' ORDER BY seq");
  expect(held.rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  const times = held.rows.map((r) => Date.parse(r.at));
  expect(times[10]! < times[9]!).toBe(true);
  await expectConverged(ho.staff, 'CLK1', branch.opened.sqlite);
});
