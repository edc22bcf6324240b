import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallResponse, DayCloseHeadOffice, Input } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { dayCloseRecords } from '../../electron/services/headoffice/branch-state';
import { openDatabase, type OpenedDatabase } from '../../electron/services/db/open-database';
import { errorCode, startCounter, type CounterFixture } from '../support/counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { eventually, expectConverged } from '../support/replication-checks';
import { FaultyProxy } from '../support/tcp-proxy';
import { makeTempDir } from '../support/temp-dir';

/**
 * The day close as the issue asks it: one atomic step at the branch, final only
 * once head office has recomputed the same totals. A real counter (router, job,
 * SQLite file) against a real PostgreSQL head office behind a proxy that can be
 * cut; head office's copy tampered with as its superuser.
 */
const BRANCH = 'DJ-DEMO';
const DAY = 86_400_000;
const CLI = join(import.meta.dirname, '..', '..', 'electron', 'services', 'cli', 'headoffice.ts');
const temp = makeTempDir('repl-day-close-');
let ho: TestHeadOffice;
let proxy: FaultyProxy;
let role: string;
let counter: CounterFixture;
let offset = 0;

const startBranch = async () => {
  counter = await startCounter({
    dataDir: temp.dir,
    clock: { now: () => new Date(Date.now() + offset) },
    headOffice: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
  });
};
/** A new business day: the clock jumps, so every session is idle-locked and the supervisor signs in again. */
const nextDay = () => {
  offset += DAY;
};
const supervisor = () => counter.signIn('hassan', '5678');
const refusal = (response: CallResponse) => {
  if (response.ok) throw new Error('expected a refusal');
  return { code: response.error.code, details: response.error.details };
};

/** The safe counted as it stands (the amounts here are whole thousands). */
async function safeCount(session: string): Promise<Input<'day.close'>['safeCount']> {
  const balance = (await counter.ok('safe.status', {}, session)).balance.minor;
  return [
    { denomination: 10000, quantity: Math.floor(balance / 10000) },
    { denomination: 1000, quantity: (balance % 10000) / 1000 },
  ];
}

async function closeDay(session: string) {
  return counter.ok('day.close', { operationId: uuid7(), safeCount: await safeCount(session) }, session);
}

const receive = (session: string, minor: number) =>
  counter.ok('safe.receiveCash', { operationId: uuid7(), amount: { minor, currency: 'DJF' }, reference: `HO-${minor}` }, session);

async function stateOf(session: string, dayCloseId: string): Promise<DayCloseHeadOffice | undefined> {
  return (await counter.ok('day.closes', { limit: 20 }, session)).find((c) => c.id === dayCloseId)?.headOffice;
}

const comparisons = async (businessDate: string) =>
  (await ho.staff.query<{ outcome: string; last_seq: string }>(
    'SELECT outcome, last_seq FROM ho.day_close_comparisons WHERE branch_code = $1 AND business_date = $2 ORDER BY id',
    [BRANCH, businessDate],
  )).rows.map((r) => ({ outcome: r.outcome, lastSeq: Number(r.last_seq) }));

/** Head office's copy altered behind its own back (its triggers skipped), as a faulty job or an insider could. */
const tamper = (seq: number, delta: number) =>
  ho.staff.query(
    `BEGIN; SET LOCAL session_replication_role = replica;
     UPDATE ho.transfers SET amount = amount + (${delta}) WHERE branch_code = '${BRANCH}' AND seq = ${seq}; COMMIT`,
  );

function withBranchDatabase<T>(read: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const result = openDatabase(counter.counter.databaseFile);
  if (!result.ok) throw new Error(result.refusal.detail);
  return read(result.opened).finally(() => result.opened.db.destroy());
}

beforeAll(async () => {
  ho = await startTestHeadOffice();
  role = (await ho.addBranch(BRANCH)).role;
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  await startBranch();
}, 120_000);
afterAll(async () => {
  await counter?.close();
  await proxy?.stop();
  await ho?.close();
  temp.remove();
}, 120_000);

it('a close head office agrees with is confirmed by the replication job on its own, once, and head office records the match', async () => {
  const hassan = await supervisor();
  await receive(hassan, 100_000);
  const closed = await closeDay(hassan);
  // Booked at once; final only when head office says so.
  expect(closed.headOffice).toMatchObject({ dayCloseId: closed.id, state: 'awaiting-head-office', decidedAt: null });

  await eventually('head office confirmed the close', async () => (await stateOf(hassan, closed.id))?.state === 'confirmed', 30_000);
  expect(await stateOf(hassan, closed.id)).toMatchObject({ state: 'confirmed', waitingFor: null, hashMatches: true, differences: [], unsent: 0, attempts: 1 });
  expect((await counter.ok('day.preview', {}, hassan)).unconfirmed).toEqual([]);
  // Later cycles do not ask again: one comparison, a match, at head office.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await comparisons(closed.businessDate)).toEqual([{ outcome: 'match', lastSeq: closed.lastSeq }]);
});

it('head office unreachable: the close waits and says why, trading goes on, and the close is confirmed once head office is back, across a restart', async () => {
  nextDay();
  proxy.setDown(true);
  const hassan = await supervisor();
  await receive(hassan, 20_000);
  // (An idle link finds out at its next exchange: the receipt above is one.)
  await eventually('the link is seen down', () => counter.counter.status().headOffice.state === 'offline', 30_000);
  const closed = await closeDay(hassan);
  expect(closed.headOffice).toMatchObject({ state: 'awaiting-head-office', waitingFor: 'head-office-unreachable' });
  expect(closed.headOffice!.unsent).toBeGreaterThan(0);
  // The counter keeps trading after the close, head office or not.
  await receive(hassan, 1_000);
  const compared = await counter.ok('day.compareNow', {}, hassan);
  expect(compared).toHaveLength(1);
  expect(compared[0]).toMatchObject({ dayCloseId: closed.id, state: 'awaiting-head-office', waitingFor: 'head-office-unreachable' });
  expect(compared[0]!.detail).toBeTruthy();

  // The counter restarts while head office is still away: the close still waits, and says why.
  await counter.close();
  await startBranch();
  const again = await supervisor();
  const preview = await counter.ok('day.preview', {}, again);
  expect(preview.headOffice).toMatchObject({ dayCloseId: closed.id, state: 'awaiting-head-office', waitingFor: 'head-office-unreachable' });
  expect(preview.blockedBy).toBeNull();

  // Head office is back: nobody presses anything, the job sends the backlog and then compares.
  proxy.setDown(false);
  await eventually('head office confirmed the close made offline', async () => (await stateOf(again, closed.id))?.state === 'confirmed', 90_000);
  expect(await comparisons(closed.businessDate)).toEqual([{ outcome: 'match', lastSeq: closed.lastSeq }]);
});

it('a head-office total that differs: a mismatch shown on both sides with the accounts, the next close refused until a comparison matches', async () => {
  nextDay();
  const hassan = await supervisor();
  await receive(hassan, 30_000);
  await eventually('the receipt reached head office', () => counter.counter.status().headOffice.unsynced === 0, 30_000);
  const held = await ho.staff.query<{ seq: string; debit_account_id: string; credit_account_id: string }>(
    'SELECT seq, debit_account_id, credit_account_id FROM ho.transfers WHERE branch_code = $1 ORDER BY seq DESC LIMIT 1',
    [BRANCH],
  );
  const tampered = held.rows[0]!;
  await tamper(Number(tampered.seq), 7);

  const closed = await closeDay(hassan);
  await eventually('head office disputed the close', async () => (await stateOf(hassan, closed.id))?.state === 'mismatch', 30_000);
  const disputed = (await stateOf(hassan, closed.id))!;
  // Same chain (the hash was not touched), different totals: exactly the two accounts of the altered transfer.
  expect(disputed).toMatchObject({ state: 'mismatch', waitingFor: null, hashMatches: true });
  expect(disputed.decidedAt).toBeTruthy();
  const byAccount = new Map(disputed.differences.map((d) => [d.accountId, d]));
  expect([...byAccount.keys()].sort()).toEqual([tampered.debit_account_id, tampered.credit_account_id].sort());
  const debit = byAccount.get(tampered.debit_account_id)!;
  const credit = byAccount.get(tampered.credit_account_id)!;
  expect(debit.headOfficeDebits - debit.branchDebits).toBe(7);
  expect(credit.headOfficeCredits - credit.branchCredits).toBe(7);
  expect(debit.branchCredits).toBe(debit.headOfficeCredits);

  // Visible at head office too: the comparison with the same accounts, an alarm, and the staff CLI says MISMATCH.
  const records = await dayCloseRecords(ho.staff, BRANCH, closed.businessDate);
  expect(records[0]).toMatchObject({ outcome: 'mismatch', lastSeq: closed.lastSeq });
  expect((records[0]!.differences as Array<{ account_id: string }>).map((d) => d.account_id).sort()).toEqual([...byAccount.keys()].sort());
  const alarms = await ho.staff.query<{ kind: string }>("SELECT kind FROM ho.alarms WHERE branch_code = $1 AND kind = 'day-close-mismatch'", [BRANCH]);
  expect(alarms.rows.length).toBeGreaterThan(0);
  const cli = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'compare-day', '--branch', BRANCH, '--date', closed.businessDate], {
    encoding: 'utf8',
    env: { ...process.env, HEADOFFICE_URL: ho.database.url },
  });
  expect(cli.status, cli.stderr).toBe(1);
  expect(cli.stdout).toContain(`${closed.businessDate} up to seq ${closed.lastSeq}: MISMATCH`);

  // The next day cannot close; trading still can.
  nextDay();
  const boss = await supervisor();
  expect((await counter.ok('day.preview', {}, boss)).blockedBy).toMatchObject({ dayCloseId: closed.id, state: 'mismatch' });
  const refused = refusal(await counter.call('day.close', { operationId: uuid7(), safeCount: await safeCount(boss) }, boss));
  expect(refused).toMatchObject({ code: 'RULE_BROKEN', details: { rule: 'day-close-blocked', dayCloseId: closed.id, businessDate: closed.businessDate } });
  await receive(boss, 2_000);

  // Compare now while head office still holds the altered row: still a mismatch, asked once more, recorded once more.
  const [still] = await counter.ok('day.compareNow', {}, boss);
  expect(still).toMatchObject({ dayCloseId: closed.id, state: 'mismatch', attempts: disputed.attempts + 1 });
  expect((await comparisons(closed.businessDate)).map((c) => c.outcome)).toEqual(['mismatch', 'mismatch']);
  // The background job leaves a disputed close alone: no flood of comparisons and alarms at head office.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(await comparisons(closed.businessDate)).toHaveLength(2);

  // A restart changes nothing: still disputed, still blocking.
  await counter.close();
  await startBranch();
  const later = await supervisor();
  expect((await counter.ok('day.preview', {}, later)).blockedBy).toMatchObject({ dayCloseId: closed.id, state: 'mismatch', differences: disputed.differences });
  expect(refusal(await counter.call('day.close', { operationId: uuid7(), safeCount: await safeCount(later) }, later)).details?.rule).toBe('day-close-blocked');
  expect(errorCode(await counter.call('day.compareNow', {}, await counter.signIn('amina', '1234')))).toBe('FORBIDDEN_ROLE');

  // Head office repairs its copy; the supervisor compares again: confirmed, and the next day closes.
  await tamper(Number(tampered.seq), -7);
  const [settled] = await counter.ok('day.compareNow', {}, later);
  expect(settled).toMatchObject({ dayCloseId: closed.id, state: 'confirmed', differences: [], hashMatches: true });
  expect((await dayCloseRecords(ho.staff, BRANCH, closed.businessDate))[0]).toMatchObject({ outcome: 'match' });
  expect((await counter.ok('day.preview', {}, later)).blockedBy).toBeNull();
  const next = await closeDay(later);
  await eventually('the next close is confirmed', async () => (await stateOf(later, next.id))?.state === 'confirmed', 30_000);
  expect(await counter.ok('day.compareNow', {}, later)).toEqual([]);

  // The branch keeps every answer head office gave, the resolved mismatch included.
  await withBranchDatabase(async ({ sqlite }) => {
    const checks = sqlite.prepare('SELECT outcome, requested_by FROM day_close_checks WHERE day_close_id = ? ORDER BY id').all(closed.id);
    expect(checks).toEqual([
      { outcome: 'mismatch', requested_by: null },
      { outcome: 'mismatch', requested_by: 'hassan' },
      { outcome: 'match', requested_by: 'hassan' },
    ]);
    await expectConverged(ho.staff, BRANCH, sqlite);
  });
});
