import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectPostgres } from '../../../electron/services/headoffice/postgres-connection';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { Ledger } from '../../../electron/services/ledger/ledger';
import { systemClock } from '../../../electron/services/clock';
import { acknowledgeCorrection, listCorrections } from '../../../electron/services/replication/corrections';
import { dayCloseSummary } from '../../../electron/services/replication/day-close-summary';
import { verifyLedger } from '../../../electron/services/ledger/verify-ledger';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';
import { branchUrl, makeJob } from '../../support/replication-world';
import { makeTempDir } from '../../support/temp-dir';

const CLI = join(import.meta.dirname, '..', '..', '..', 'electron', 'services', 'cli', 'headoffice.ts');
const temp = makeTempDir('ho-cli-');
let database: TestDatabase;
let branch: TestBranchLedger;
let staff: SqlConnection;

const cli = (...args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, HEADOFFICE_URL: database.url, BRANCH_SECRET: 'not-a-real-secret' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

beforeAll(async () => {
  database = await createTestDatabase();
  branch = await openTestBranchLedger(temp.dir);
}, 120_000);
afterAll(async () => {
  await staff?.close();
  await branch?.close();
  await database?.drop();
  temp.remove();
}, 120_000);

it('migrates, adds a branch, publishes, and the branch sees a correction it must acknowledge', async () => {
  expect(cli('migrate')).toMatchObject({ code: 0, out: expect.stringMatching(/applied: 0001-branches-and-ledger, 0002-branch-functions/) });
  expect(cli('migrate').out).toMatch(/already up to date/);
  const role = database.roleName('cli1');
  const added = cli('add-branch', '--code', 'CLI1', '--name', 'Ali Sabieh', '--role', role, '--password-env', 'BRANCH_SECRET', '--s10', 'RR:500,EE:200', '--json');
  expect(added.code, added.err).toBe(0);
  expect(JSON.parse(added.out)).toMatchObject({ code: 'CLI1', role, s10Ranges: [{ serviceIndicator: 'RR', firstSerial: 1, lastSerial: 500 }, { serviceIndicator: 'EE', firstSerial: 1, lastSerial: 200 }] });
  expect(cli('add-branch', '--code', 'CLI1', '--name', 'again', '--role', `${role}_b`).code).toBe(2);

  branch.sell(10);
  const file = join(temp.dir, 'publication.json');
  writeFileSync(file, JSON.stringify({
    publishedBy: 'tariffs-team',
    tariffs: [{ key: 'letter-20g-DJ', amount: 150, currency: 'DJF' }],
    corrections: [{ id: 'corr-0001', branch: 'CLI1', author: 'auditor.nadia', reason: 'stamp revenue booked twice on 3 March', debit_account_id: 'revenue:stamp:DJF', credit_account_id: 'suspense:DJF', amount: 150, currency: 'DJF' }],
  }));
  const published = cli('publish', '--file', file);
  expect(published.code, published.err).toBe(0);
  expect(published.out).toMatch(/correction corr-0001 → CLI1/);

  const job = makeJob({ sqlite: branch.opened.sqlite, url: branchUrl(database.urlAs, role) });
  expect((await job.syncNow()).ackedSeq).toBe(10);
  const reference = branch.opened.sqlite.prepare('SELECT kind, key FROM replication_reference ORDER BY version').all();
  expect(reference).toEqual([{ kind: 's10-range', key: 'RR:1' }, { kind: 's10-range', key: 'EE:1' }, { kind: 'tariff', key: 'letter-20g-DJ' }]);

  // Never applied silently: listed, unacknowledged, nothing booked yet.
  expect(listCorrections(branch.opened.sqlite)).toMatchObject([{ id: 'corr-0001', acknowledgedBy: null, bookedSeq: null, amount: 150 }]);
  expect(branch.lastSeq()).toBe(10);
  const stateBefore = cli('state', '--branch', 'CLI1');
  expect(stateBefore.out).toMatch(/correction corr-0001: awaiting the branch supervisor/);

  const ledger = new Ledger(branch.opened.sqlite, systemClock, null, branch.ledger.journal);
  const acknowledged = acknowledgeCorrection(branch.opened.sqlite, ledger, systemClock, 'corr-0001', 'hassan');
  expect(acknowledged).toMatchObject({ acknowledgedBy: 'hassan', bookedSeq: 11 });
  expect(acknowledgeCorrection(branch.opened.sqlite, ledger, systemClock, 'corr-0001', 'other').bookedSeq).toBe(11);
  expect(branch.lastSeq()).toBe(11);
  expect(branch.transfers()[10]).toMatchObject({ operator: 'head-office:auditor.nadia', approver: 'hassan', reason: 'stamp revenue booked twice on 3 March', code: 'head-office-correction' });
  expect(verifyLedger(branch.opened.sqlite).ok).toBe(true);

  expect((await job.syncNow()).ackedSeq).toBe(11);
  await job.stop();
  expect(cli('state', '--branch', 'CLI1').out).toMatch(/correction corr-0001: booked at seq 11/);

  // Day close: the branch asks, head office records; staff see it with compare-day.
  staff = await connectPostgres({ connectionString: database.urlAs(role) });
  const summary = dayCloseSummary(branch.opened.sqlite, '2025-03-03');
  expect((await new HeadOfficeApi(staff).compareDayClose(summary)).outcome).toBe('match');
  const wrong = { ...summary, accounts: summary.accounts.map((a) => ({ ...a, credits_posted: a.credits_posted + 1 })) };
  expect((await new HeadOfficeApi(staff).compareDayClose(wrong)).outcome).toBe('mismatch');
  const compared = cli('compare-day', '--branch', 'CLI1', '--date', '2025-03-03');
  expect(compared.code).toBe(1);
  expect(compared.out).toMatch(/2025-03-03 up to seq 11: MISMATCH/);
  expect(compared.out).toMatch(/2025-03-03 up to seq 11: MATCH/);
}, 120_000);
