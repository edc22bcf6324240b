import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeadOfficeApi, HeadOfficeBusy } from '../../../electron/services/headoffice/head-office-api';
import { ADMISSION_LOCK_SPACE } from '../../../electron/services/headoffice/migrations/0009-push-admission';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import type { ReplicationJob } from '../../../electron/services/replication/replication-job';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { eventually, expectConverged } from '../../support/replication-checks';
import { branchUrl, makeJob } from '../../support/replication-world';
import { makeTempDir } from '../../support/temp-dir';

let ho: TestHeadOffice;
const temp = makeTempDir('ho-admission-');
const branches: TestBranchLedger[] = [];

beforeAll(async () => {
  ho = await startTestHeadOffice();
}, 120_000);
afterAll(async () => {
  for (const branch of branches) await branch.close();
  await ho?.close();
  temp.remove();
}, 120_000);

const held = async (code: string) =>
  Number((await ho.staff.query<{ n: string }>('SELECT count(*) AS n FROM ho.transfers WHERE branch_code = $1', [code])).rows[0]!.n);

it('answers "busy, retry after N ms" when every slot is taken, keeps nothing, and the job comes back without an error', async () => {
  await ho.staff.query('SELECT ho.set_push_admission(1, 40)');
  const { role } = await ho.addBranch('ADM1');
  const branch = await openTestBranchLedger(temp.dir, undefined, 'adm1.sqlite');
  branches.push(branch);
  branch.sell(30);

  // Another push holds the only slot (as a long push of another branch would).
  const other = await connectPostgres({ connectionString: ho.database.url });
  await other.query('BEGIN');
  await other.query('SELECT pg_advisory_xact_lock($1, 0)', [ADMISSION_LOCK_SPACE]);
  try {
    const api = new HeadOfficeApi(await ho.connectAs(role));
    const refused = await api.push({ sent_at: new Date().toISOString(), transfers: branch.transfers() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HeadOfficeBusy);
    expect((refused as HeadOfficeBusy).retryAfterMs).toBe(40);
    expect(await held('ADM1')).toBe(0);

    const job = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role) });
    const status = await job.syncNow();
    // Reachable, not failing, not done: busy is no error and no success.
    expect(status).toMatchObject({ state: 'online', lastError: null, ackedSeq: 0, unsynced: 30, lastSuccessAt: null, recentErrors: [] });

    await other.query('COMMIT');
    job.start();
    await eventually('the backlog went through once the slot was free', () => job.status().ackedSeq === 30);
    // Read before stopping: a stop cuts the link under whatever cycle runs then.
    expect(job.status().recentErrors).toEqual([]);
    await job.stop();
    await expectConverged(ho.staff, 'ADM1', branch.opened.sqlite);
  } finally {
    await other.close();
  }
}, 120_000);

it('with one slot for twelve branches pushing at once, every branch finishes and none sees an error', async () => {
  await ho.staff.query('SELECT ho.set_push_admission(1, 20)');
  const jobs: Array<{ code: string; branch: TestBranchLedger; job: ReplicationJob }> = [];
  for (let i = 0; i < 12; i += 1) {
    const code = `ADMX${i}`;
    const { role } = await ho.addBranch(code);
    const branch = await openTestBranchLedger(temp.dir, undefined, `admx${i}.sqlite`);
    branches.push(branch);
    branch.sell(150);
    jobs.push({ code, branch, job: makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(ho.database.urlAs, role), batchSize: 50 }) });
  }
  for (const { job } of jobs) job.start();
  await eventually('every branch is acknowledged', () => jobs.every(({ job }) => job.status().ackedSeq === 150), 180_000);
  // Read before stopping: a stop cuts the link under whatever cycle runs then.
  const errors = jobs.map(({ code, job }) => [code, job.status().recentErrors]);
  for (const { job } of jobs) await job.stop();
  expect(errors).toEqual(jobs.map(({ code }) => [code, []]));
  for (const { code, branch } of jobs) await expectConverged(ho.staff, code, branch.opened.sqlite);
}, 240_000);
