import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { makeSavingsAccountNumber } from '@shared/savings-account-number';
import type { Clock } from '../../../electron/services/clock';
import { HeadOfficeApi } from '../../../electron/services/headoffice/head-office-api';
import { HeadOfficeSavingsApi, OperationIdReused } from '../../../electron/services/headoffice/savings-api';
import type { SqlConnection } from '../../../electron/services/headoffice/sql-runner';
import { openTestBranchLedger, type TestBranchLedger } from '../../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { allocateNumbers, alarmsOf, publishProduct, pushAll, SavingsBookings, TEST_PRODUCT } from '../../support/savings-world';
import { makeTempDir } from '../../support/temp-dir';

/** Head office's savings, end to end on a real PostgreSQL with real branch ledgers pushing. */
let ho: TestHeadOffice;
let linkA: SqlConnection;
let linkB: SqlConnection;
let apiA: HeadOfficeSavingsApi;
let apiB: HeadOfficeSavingsApi;
let numbersA: string[];
let numbersB: string[];
let ledgerA: TestBranchLedger;
let ledgerB: TestBranchLedger;
let booksA: SavingsBookings;
let booksB: SavingsBookings;
const temp = makeTempDir('ho-savings-');
const customer = '0190a6c2-6f1e-7b3a-9c1d-2e4f5a6b7c8d';
let next = 0;
/** A fresh account of branch A's range, opened and funded with `deposit`. */
let openFunded: (deposit: number, tier?: string) => Promise<string>;

/** A branch clock that only moves forward, set by the test (interest needs past value dates). */
const movableClock = (start: string): Clock & { set(at: string): void } => {
  let now = new Date(start);
  return { now: () => now, set: (at) => void (now = new Date(at)) };
};
const clockA = movableClock('2026-10-05T09:00:00Z');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const a = await ho.addBranch('SA');
  const b = await ho.addBranch('SB');
  linkA = await ho.connectAs(a.role);
  linkB = await ho.connectAs(b.role);
  apiA = new HeadOfficeSavingsApi(linkA, 'SA');
  apiB = new HeadOfficeSavingsApi(linkB, 'SB');
  await publishProduct(ho.staff);
  numbersA = await allocateNumbers(ho.staff, 'SA', 40);
  numbersB = await allocateNumbers(ho.staff, 'SB', 10);
  ledgerA = await openTestBranchLedger(temp.dir, clockA, 'a.sqlite');
  ledgerB = await openTestBranchLedger(temp.dir, undefined, 'b.sqlite');
  booksA = new SavingsBookings(ledgerA);
  booksB = new SavingsBookings(ledgerB);
  booksB.cashIn(1_000_000);
  openFunded = async (deposit, tier = 'basic') => {
    const number = numbersA[next++]!;
    const opened = await apiA.open({ operationId: uuid7(), accountNumber: number, customerId: customer, productCode: 'livret-a', kycTier: tier, openedAt: '2026-10-01T09:00:00+03:00' });
    expect(opened.outcome).toBe('opened');
    booksA.deposit(number, deposit);
    expect(await pushAll(linkA, ledgerA, await ackedSeq('SA'))).toMatchObject({ status: 'ok' });
    return number;
  };
}, 120_000);
afterAll(async () => {
  await ledgerA?.close();
  await ledgerB?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

async function ackedSeq(branch: string): Promise<number> {
  const { rows } = await ho.staff.query<{ acked_seq: string }>('SELECT acked_seq FROM ho.branch_cursors WHERE branch_code = $1', [branch]);
  return Number(rows[0]!.acked_seq);
}
const accountOf = async (number: string) => {
  const answer = await apiA.account(number);
  if (!answer.found) throw new Error(`account ${number} not found`);
  return answer;
};

describe('products and number ranges', () => {
  it('publishes products and ranges through the reference pull', async () => {
    const pulled = await new HeadOfficeApi(linkA, 'SA').pull(0);
    expect(pulled.items.map((i) => `${i.kind}:${i.key}`)).toEqual(['savings-product:livret-a', 'savings-range:savings:1']);
    expect(pulled.items[0]!.body).toMatchObject({ annual_rate_bp: 350, posting_period: 'month', daily_withdrawal_limit: { basic: 50_000 } });
    expect(pulled.items[1]!.body).toEqual({ first_serial: 1, last_serial: 40 });
    // B sees the product and its own range only.
    expect((await new HeadOfficeApi(linkB, 'SB').pull(0)).items.map((i) => i.key)).toEqual(['livret-a', 'savings:41']);
  });

  it('refuses a product whose tier limits are not whole amounts', async () => {
    await expect(publishProduct(ho.staff, { ...TEST_PRODUCT, code: 'bad', max_balance: { basic: 1.5 } })).rejects.toThrow(/whole, non-negative/);
  });
});

describe('opening an account', () => {
  it('opens once per operation id: the repeat gets the first answer, another request under it is refused', async () => {
    const operationId = uuid7();
    const request = { operationId, accountNumber: numbersA[next++]!, customerId: customer, productCode: 'livret-a', kycTier: 'basic', openedAt: '2026-10-01T09:00:00+03:00' };
    const first = await apiA.open(request);
    expect(first).toMatchObject({ outcome: 'opened', account: { status: 'submitted', balance: 0, home_branch: 'SA', customer_id: customer } });
    expect(await apiA.open(request)).toEqual(first);
    await expect(apiA.open({ ...request, kycTier: 'full' })).rejects.toBeInstanceOf(OperationIdReused);
  });

  it.each([
    ['a wrong check digit', () => numbersA[30]!.slice(0, 9) + '00', 'bad-account-number'],
    ["another branch's number", () => numbersB[0]!, 'number-not-in-branch-range'],
    ['a number never allocated', () => makeSavingsAccountNumber(999_000), 'number-not-in-branch-range'],
  ])('refuses %s', async (_, number, reason) => {
    expect(await apiA.open({ operationId: uuid7(), accountNumber: number(), customerId: customer, productCode: 'livret-a', kycTier: 'basic', openedAt: '2026-10-01T09:00:00+03:00' })).toMatchObject({ outcome: 'refused', reason });
  });

  it('refuses an unknown product, an unknown tier and a number already taken', async () => {
    const base = { customerId: customer, openedAt: '2026-10-01T09:00:00+03:00' };
    expect(await apiA.open({ ...base, operationId: uuid7(), accountNumber: numbersA[31]!, productCode: 'nope', kycTier: 'basic' })).toMatchObject({ reason: 'unknown-product' });
    expect(await apiA.open({ ...base, operationId: uuid7(), accountNumber: numbersA[31]!, productCode: 'livret-a', kycTier: 'gold' })).toMatchObject({ reason: 'unknown-kyc-tier' });
    expect(await apiA.open({ ...base, operationId: uuid7(), accountNumber: numbersA[31]!, productCode: 'livret-a', kycTier: 'basic' })).toMatchObject({ outcome: 'opened' });
    expect(await apiA.open({ ...base, operationId: uuid7(), accountNumber: numbersA[31]!, productCode: 'livret-a', kycTier: 'basic' })).toMatchObject({ reason: 'account-number-taken' });
  });
});

describe('deposits arrive by replication', () => {
  it('credits the opening deposit once, activates the account, and a resent batch changes nothing', async () => {
    const number = await openFunded(20_000);
    const account = await accountOf(number);
    expect(account.account).toMatchObject({ status: 'active', balance: 20_000, available: 20_000, lines: 1 });
    expect(account.lines).toEqual([expect.objectContaining({ line_no: 1, kind: 'deposit', amount: 20_000, balance_after: 20_000, value_date: '2026-10-05', branch: 'SA' })]);
    // The same rows again: head office holds them; nothing is credited twice.
    expect(await pushAll(linkA, ledgerA)).toMatchObject({ status: 'ok', inserted: 0 });
    expect((await accountOf(number)).account.balance).toBe(20_000);
  });

  it('keeps a deposit for an unknown account, with an alarm, never dropped', async () => {
    const unknown = numbersA[39]!;
    const id = booksA.deposit(unknown, 700);
    expect(await pushAll(linkA, ledgerA, await ackedSeq('SA'))).toMatchObject({ status: 'ok', inserted: 1 });
    const kept = await ho.staff.query('SELECT branch_code, transfer_id, account_number, amount, reason FROM ho.savings_unapplied WHERE transfer_id = $1', [id]);
    expect(kept.rows).toEqual([{ branch_code: 'SA', transfer_id: id, account_number: unknown, amount: '700', reason: 'unknown-account' }]);
    expect((await alarmsOf(ho.staff)).filter((a) => a.detail.includes(id))).toEqual([expect.objectContaining({ kind: 'savings-unknown-account' })]);
    const held = await ho.staff.query('SELECT 1 FROM ho.transfers WHERE branch_code = $1 AND id = $2', ['SA', id]);
    expect(held.rows).toHaveLength(1);
  });
});

describe('withdrawals: reserve, book, post or void', () => {
  it('reserves once per operation id, even a refusal, and checks every limit', async () => {
    const number = await openFunded(60_000);
    const opId = uuid7();
    const reserved = await apiB.reserve(opId, number, 10_000, 300);
    expect(reserved).toMatchObject({ outcome: 'reserved', amount: 10_000, available_after: 50_000, currency: 'DJF' });
    expect(await apiB.reserve(opId, number, 10_000, 300)).toEqual(reserved);
    await expect(apiB.reserve(opId, number, 20_000, 300)).rejects.toBeInstanceOf(OperationIdReused);
    expect((await accountOf(number)).account).toMatchObject({ balance: 60_000, held: 10_000, available: 50_000, holds: [expect.objectContaining({ branch: 'SB', operation_id: opId })] });

    const refusedId = uuid7();
    const refusal = await apiA.reserve(refusedId, number, 50_000, 300);
    expect(refusal).toMatchObject({ outcome: 'refused', reason: 'below-minimum-balance' });
    expect(await apiA.reserve(refusedId, number, 50_000, 300)).toEqual(refusal);
    expect(await apiA.reserve(uuid7(), number, 50_001, 300)).toMatchObject({ reason: 'insufficient-available' });
    // 10,000 reserved today already: 45,000 more passes the balance but not the basic tier's 50,000 a day.
    expect(await apiA.reserve(uuid7(), number, 45_000, 300)).toMatchObject({ reason: 'above-daily-limit' });
    expect(await apiA.reserve(uuid7(), numbersA[38]!, 100, 300)).toMatchObject({ reason: 'unknown-account' });
    expect(await apiA.operation(refusedId)).toMatchObject({ state: 'refused', kind: 'reserve' });
    expect(await apiB.operation(opId)).toMatchObject({ state: 'reserved', hold: { amount: 10_000, status: 'reserved' } });
    expect(await apiB.operation(uuid7())).toMatchObject({ state: 'never-received', hold: null });
    expect(await apiB.release(opId)).toEqual({ operation_id: opId, state: 'released' });
    expect(await apiB.release(opId)).toEqual({ operation_id: opId, state: 'released' });
    expect((await accountOf(number)).account).toMatchObject({ held: 0, available: 60_000 });
  });

  it('refuses the monthly limit across days', async () => {
    const number = await openFunded(190_000, 'basic');
    // Earlier this month (a hold reserved and paid two days ago, written as staff would find it).
    await ho.staff.query(
      `INSERT INTO ho.savings_holds (branch_code, account_number, hold_branch, operation_id, purpose, amount, status, reserved_at, expires_at)
       VALUES ('SA', $1, 'SA', $2, 'withdrawal', 120000, 'released', greatest(date_trunc('month', now()), now() - interval '2 days'), now())`,
      [number, uuid7()],
    );
    expect(await apiA.reserve(uuid7(), number, 40_000, 300)).toMatchObject({ outcome: 'reserved' });
    await ho.staff.query("UPDATE ho.savings_holds SET status = 'posted' WHERE account_number = $1 AND amount = 120000", [number]);
    expect(await apiA.reserve(uuid7(), number, 1_000, 300)).toMatchObject({ reason: 'above-monthly-limit' });
  });

  it("posts the hold when the branch's payment arrives, once; voids release it", async () => {
    const number = await openFunded(30_000);
    const paid = uuid7();
    expect(await apiB.reserve(paid, number, 8_000, 300)).toMatchObject({ outcome: 'reserved' });
    const pending = booksB.pendingWithdrawal(paid, number, 8_000);
    booksB.pay(pending, 8_000);
    const cancelled = uuid7();
    expect(await apiB.reserve(cancelled, number, 2_000, 300)).toMatchObject({ outcome: 'reserved' });
    booksB.void(booksB.pendingWithdrawal(cancelled, number, 2_000), 2_000);
    expect(await pushAll(linkB, ledgerB, await ackedSeq('SB'))).toMatchObject({ status: 'ok' });
    expect(await pushAll(linkB, ledgerB)).toMatchObject({ status: 'ok', inserted: 0 });

    const account = await accountOf(number);
    expect(account.account).toMatchObject({ balance: 22_000, held: 0, available: 22_000 });
    expect(account.lines.map((l) => [l.kind, l.amount, l.balance_after, l.branch, l.operation_id])).toEqual([
      ['deposit', 30_000, 30_000, 'SA', expect.any(String)],
      ['withdrawal', 8_000, 22_000, 'SB', paid],
    ]);
    expect(await apiB.operation(paid)).toMatchObject({ state: 'posted' });
    expect(await apiB.operation(cancelled)).toMatchObject({ state: 'released' });
  });

  it('posts a booking that arrives after its hold expired, and raises an alarm for review', async () => {
    const number = await openFunded(30_000);
    const opId = uuid7();
    expect(await apiB.reserve(opId, number, 5_000, 1)).toMatchObject({ outcome: 'reserved' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await ho.staff.query('SELECT ho.savings_expire_holds(now()) AS r').then((r) => r.rows[0])).toMatchObject({ r: { expired: 1 } });
    expect(await apiB.operation(opId)).toMatchObject({ state: 'expired' });
    expect((await accountOf(number)).account).toMatchObject({ held: 0, available: 30_000 });

    booksB.pay(booksB.pendingWithdrawal(opId, number, 5_000), 5_000);
    expect(await pushAll(linkB, ledgerB, await ackedSeq('SB'))).toMatchObject({ status: 'ok' });
    expect((await accountOf(number)).account).toMatchObject({ balance: 25_000, held: 0 });
    expect(await apiB.operation(opId)).toMatchObject({ state: 'posted' });
    const late = (await alarmsOf(ho.staff)).filter((a) => a.kind === 'savings-late-booking' && a.detail.includes(number));
    expect(late).toEqual([expect.objectContaining({ branch_code: 'SB', detail: expect.stringMatching(/had expired/) })]);
  });

  it('posts a booking whose hold the clerk released, and alarms; a release before any reserve spends the id', async () => {
    const number = await openFunded(30_000);
    const opId = uuid7();
    await apiA.reserve(opId, number, 4_000, 300);
    await apiA.release(opId);
    booksA.pay(booksA.pendingWithdrawal(opId, number, 4_000), 4_000);
    await pushAll(linkA, ledgerA, await ackedSeq('SA'));
    expect((await accountOf(number)).account.balance).toBe(26_000);
    expect((await alarmsOf(ho.staff)).filter((a) => a.kind === 'savings-late-booking' && a.detail.includes(number))).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/had been released/) }),
    ]);

    const unseen = uuid7();
    expect(await apiA.release(unseen)).toEqual({ operation_id: unseen, state: 'never-received' });
    expect(await apiA.reserve(unseen, number, 1_000, 300)).toMatchObject({ outcome: 'refused', reason: 'cancelled' });
    expect((await accountOf(number)).account.held).toBe(0);
  });
});

describe('statuses', () => {
  it('finds a quiet account dormant, refuses its debits, and a supervisor reactivates it', async () => {
    const number = await openFunded(10_000);
    await ho.staff.query("UPDATE ho.savings_accounts SET last_activity_at = now() - interval '400 days' WHERE account_number = $1", [number]);
    expect((await accountOf(number)).account.status).toBe('dormant');
    expect(await apiA.reserve(uuid7(), number, 1_000, 300)).toMatchObject({ reason: 'account-dormant' });
    await expect(apiA.reactivate(number, ' ')).rejects.toThrow(/supervisor/);
    expect(await apiA.reactivate(number, 'supervisor1')).toMatchObject({ outcome: 'active', reactivated: true });
    expect(await apiA.reactivate(number, 'supervisor1')).toMatchObject({ outcome: 'active', reactivated: false });
    expect(await apiA.reserve(uuid7(), number, 1_000, 300)).toMatchObject({ outcome: 'reserved' });
    const changes = await ho.staff.query<{ to_status: string; approver: string | null }>(
      'SELECT to_status, approver FROM ho.savings_status_changes WHERE account_number = $1 ORDER BY id', [number]);
    expect(changes.rows).toEqual([
      { to_status: 'submitted', approver: null },
      { to_status: 'active', approver: null },
      { to_status: 'dormant', approver: null },
      { to_status: 'active', approver: 'supervisor1' },
    ]);
  });

  it('refuses debits on a debit block, keeps a deposit to a credit-blocked account aside with an alarm', async () => {
    const number = await openFunded(10_000);
    await ho.staff.query("SELECT ho.savings_block($1, 'debit', 'court order 12/2026', 'staff1')", [number]);
    expect(await apiA.reserve(uuid7(), number, 1_000, 300)).toMatchObject({ reason: 'account-blocked' });
    await ho.staff.query("SELECT ho.savings_block($1, 'credit', 'suspected fraud', 'staff1')", [number]);
    expect(await apiA.reserve(uuid7(), number, 1_000, 300)).toMatchObject({ outcome: 'reserved' });
    booksA.deposit(number, 500);
    await pushAll(linkA, ledgerA, await ackedSeq('SA'));
    // Not credited (HO migration 0013): kept aside for review, never lost.
    expect((await accountOf(number)).account.balance).toBe(10_000);
    expect((await alarmsOf(ho.staff)).filter((a) => a.kind === 'savings-review' && a.detail.includes(number))).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/blocked for credits: not credited, kept aside/) }),
    ]);
    const aside = await ho.staff.query<{ reason: string; amount: string }>('SELECT reason, amount FROM ho.savings_unapplied WHERE account_number = $1', [number]);
    expect(aside.rows).toEqual([{ reason: 'account-blocked-for-credits', amount: '500' }]);
  });
});

describe('interest and closing', () => {
  it('posts monthly interest once per period, from the daily closing balance', async () => {
    clockA.set('2026-10-10T08:00:00Z');
    const number = await openFunded(100_000);
    clockA.set('2026-10-20T08:00:00Z');
    booksA.deposit(number, 50_000);
    await pushAll(linkA, ledgerA, await ackedSeq('SA'));
    // Account opened 1 October: 100,000 from the 10th, 150,000 from the 20th to the 31st.
    // Σ balances = 100,000 × 10 + 150,000 × 12 = 2,800,000; × 350 bp / 3,650,000 = 268.49… → 268.
    const posted = await ho.staff.query<{ r: { accounts: number } }>("SELECT ho.savings_post_interest('2026-10-31') AS r");
    expect(posted.rows[0]!.r.accounts).toBeGreaterThan(0);
    await ho.staff.query("SELECT ho.savings_post_interest('2026-10-31')");
    const lines = (await accountOf(number)).lines.filter((l) => l.kind === 'interest');
    expect(lines).toEqual([expect.objectContaining({ amount: 268, period_end: '2026-10-31', value_date: '2026-10-31' })]);
    await expect(ho.staff.query("SELECT ho.savings_post_interest('2026-10-30')")).resolves.toBeTruthy();
    await expect(ho.staff.query('SELECT ho.savings_post_interest(current_date + 1)')).rejects.toThrow(/has ended/);
  });

  it('closes with interest to date: the payout is held, and the account closes when its payment arrives', async () => {
    clockA.set('2026-11-01T08:00:00Z');
    const number = await openFunded(40_000);
    const opId = uuid7();
    const closing = await apiA.close(opId, number, 300);
    expect(closing).toMatchObject({ outcome: 'reserved', interest: expect.any(Number) });
    if (closing.outcome !== 'reserved') throw new Error('not reserved');
    expect(closing.interest).toBeGreaterThan(0);
    expect(closing.amount).toBe(40_000 + closing.interest);
    expect(await apiA.close(opId, number, 300)).toEqual(closing);
    booksA.pay(booksA.pendingWithdrawal(opId, number, closing.amount), closing.amount);
    await pushAll(linkA, ledgerA, await ackedSeq('SA'));
    expect((await accountOf(number)).account).toMatchObject({ status: 'closed', balance: 0, held: 0 });
    expect(await apiA.reserve(uuid7(), number, 1, 300)).toMatchObject({ reason: 'account-closed' });
  });
});

describe('branch roles', () => {
  it("refuses a branch speaking for another branch, and head-office staff speaking for any", async () => {
    const number = numbersA[0]!;
    await expect(new HeadOfficeSavingsApi(linkB, 'SA').reserve(uuid7(), number, 100, 60)).rejects.toMatchObject({ code: '42501' });
    await expect(new HeadOfficeSavingsApi(linkB, 'SA').account(number)).rejects.toMatchObject({ code: '42501' });
    await expect(new HeadOfficeSavingsApi(ho.staff, 'SA').account(number)).rejects.toMatchObject({ code: '42501' });
  });

  it("keeps operation ids per branch: another branch using the same id neither reads, releases nor doubles the first one's hold", async () => {
    const number = await openFunded(30_000);
    const operationId = uuid7();
    expect(await apiA.reserve(operationId, number, 5_000, 600)).toMatchObject({ outcome: 'reserved' });
    // Branch B asks about A's id: no such operation of B's; its release spends the id for B only.
    expect(await apiB.operation(operationId)).toMatchObject({ state: 'never-received', answer: null, hold: null });
    expect(await apiB.release(operationId)).toMatchObject({ state: 'never-received' });
    // A reserve by B under that id is B's own (spent) operation, never A's answer replayed.
    expect(await apiB.reserve(operationId, number, 1_000, 600)).toMatchObject({ outcome: 'refused', reason: 'cancelled' });
    expect(await apiA.operation(operationId)).toMatchObject({ state: 'reserved', hold: { amount: 5_000 } });
    const holds = await ho.staff.query('SELECT hold_branch, amount::text AS amount, status FROM ho.savings_holds WHERE operation_id = $1', [operationId]);
    expect(holds.rows).toEqual([{ hold_branch: 'SA', amount: '5000', status: 'reserved' }]);
    expect((await accountOf(number)).account).toMatchObject({ held: 5_000 });
    expect(await apiA.release(operationId)).toMatchObject({ state: 'released' });
  });

  it.each([
    ['SELECT * FROM ho.savings_accounts'],
    ['SELECT * FROM ho.savings_lines'],
    ['SELECT * FROM ho.savings_holds'],
    ['SELECT * FROM ho.savings_operations'],
    ["UPDATE ho.savings_accounts SET balance = 1000000"],
    ["SELECT ho.savings_reserve_for('SB', 'x', '00000000195', 1, 60)"],
    ["SELECT ho.savings_expire_holds(now())"],
    ["SELECT ho.savings_post_interest('2026-10-31')"],
    ["SELECT ho.publish_savings_product('{}'::jsonb, 'b')"],
    ["SELECT ho.allocate_savings_range('SB', 10)"],
    ["SELECT ho.savings_block('00000000195', 'all', 'x', 'y')"],
  ])('refuses branch B the statement %s', async (statement) => {
    await expect(linkB.query(statement)).rejects.toThrow(/permission denied/);
  });

  it('keeps balances equal to their lines and held amounts equal to their holds', async () => {
    expect((await ho.staff.query('SELECT ho.savings_check_balances() AS r')).rows[0]).toEqual({ r: [] });
  });
});
