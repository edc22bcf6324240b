// The savings account's life at the window, through the router, against a real PostgreSQL head
// office behind a loopback proxy: a dormant account woken with a supervisor's approval, blocked
// accounts refused by movement (and an offline deposit kept aside at head office), an account
// closed with its interest to date and paid once on head office's confirmation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { alarmsOf } from '../../support/savings-world';
import { djf, rule, startSavingsWindow, SUPERVISOR, type SavingsWindow } from '../../support/savings-window';
import { errorCode } from '../../support/counter-fixture';

const DAY_MS = 86_400_000;

let w: SavingsWindow;
let clerk: string;
/** Opened thirty days ago, so a closing today pays interest to date. */
let aged: { accountNumber: string; document: { type: 'identity-card'; number: string } };

beforeAll(async () => {
  // The counter's clock starts a month back: the aged account's deposit earns interest until today.
  w = await startSavingsWindow({ clockOffsetMs: -30 * DAY_MS });
  aged = await w.openAccount('DJ300001', 20_000);
  w.clock.offsetMs = 0;
  // A month later the sessions have long gone idle: sign in again (the till stays the clerk's).
  clerk = await w.signInAgain();
  await w.sync();
}, 240_000);
afterAll(async () => {
  await w?.close();
}, 120_000);

const call = (method: string, input: unknown, approval?: typeof SUPERVISOR) => w.fixture.call(method, input, clerk, approval);
const deposit = (accountNumber: string, amount: number) => call('savings.deposit', { operationId: uuid7(), sessionId: w.till.sessionId, accountNumber, amount: djf(amount) });
const withdraw = (account: typeof aged, amount: number, operationId = uuid7()) =>
  call('savings.withdraw', { operationId, sessionId: w.till.sessionId, accountNumber: account.accountNumber, amount: djf(amount), document: account.document });
const closing = (account: typeof aged, operationId = uuid7()): Input<'savings.close'> => ({
  operationId,
  sessionId: w.till.sessionId,
  accountNumber: account.accountNumber,
  document: account.document,
});
const accountView = (accountNumber: string) => w.fixture.ok('savings.account', { accountNumber }, clerk);
const headOfficeAccount = async (accountNumber: string) =>
  (await w.ho.staff.query<{ status: string; balance: string; block_type: string | null }>('SELECT status, balance, block_type FROM ho.savings_accounts WHERE account_number = $1', [accountNumber]))
    .rows[0]!;
const withdrawalFlags = (accountNumber: string) =>
  w.read((db) => db.prepare("SELECT flags FROM ledger_transfers WHERE code = 'savings-withdrawal' AND reference = ? ORDER BY seq").pluck().all(accountNumber));

describe('closing an account', () => {
  it('pays the balance and the interest to date once, on head office’s confirmation, and the account refuses everything after', async () => {
    const input = closing(aged);
    // Every closing needs a supervisor at the window; a clerk's credentials are not one.
    expect(errorCode(await call('savings.close', input))).toBe('APPROVAL_REQUIRED');
    expect(errorCode(await call('savings.close', input, { username: 'omar', secret: '4321' }))).toBe('APPROVAL_REFUSED');
    // Refused before approval: nothing was asked of head office, nothing booked.
    expect((await w.ho.staff.query('SELECT 1 FROM ho.savings_operations WHERE operation_id = $1', [input.operationId])).rows).toEqual([]);

    const closed = await call('savings.close', input, SUPERVISOR);
    if (!closed.ok) throw new Error(closed.error.message);
    const paid = closed.result as { outcome: string; balance: { minor: number }; interest: { minor: number }; amount: { minor: number }; approver: string };
    expect(paid).toMatchObject({ outcome: 'paid', balance: djf(20_000), approver: 'hassan', replayed: false });
    // 20,000 for 30 days at 3.50 %: about 57.5 Fdj, rounded once at head office.
    expect(paid.interest.minor).toBeGreaterThanOrEqual(50);
    expect(paid.interest.minor).toBeLessThanOrEqual(65);
    expect(paid.amount).toEqual(djf(20_000 + paid.interest.minor));

    // Booked as a withdrawal head office settles: pending, then posted, for balance + interest.
    const total = paid.amount.minor;
    expect(w.read((db) => db.prepare("SELECT flags, amount FROM ledger_transfers WHERE code = 'savings-withdrawal' AND reference = ? ORDER BY seq").all(aged.accountNumber))).toEqual([
      { flags: 1, amount: total },
      { flags: 2, amount: total },
    ]);
    // One receipt, saying balance, interest and the total.
    const receipts = w.read((db) => db.prepare('SELECT payload FROM print_jobs WHERE reference = ?').pluck().all(input.operationId) as string[]);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toContain('Intérêts à ce jour');
    expect(receipts[0]).toContain('Montant versé');
    expect(receipts[0]).toContain('Le compte est clôturé');

    // Pressed again (a reload): where it stands, nothing paid twice.
    expect(await w.fixture.ok('savings.close', input, clerk)).toMatchObject({ outcome: 'paid', replayed: true, amount: djf(total) });
    expect(w.read((db) => db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(input.operationId))).toBe(1);

    // Paid here: the window refuses everything at once, whatever head office's copy says until the payment replicates.
    expect((await accountView(aged.accountNumber)).closing).toBe('paid');
    await w.sync();
    expect(await headOfficeAccount(aged.accountNumber)).toMatchObject({ status: 'closed', balance: '0' });
    expect(await accountView(aged.accountNumber)).toMatchObject({ status: 'closed', balance: djf(0), closing: 'paid' });

    expect(rule(await deposit(aged.accountNumber, 1_000))).toBe('account-closed');
    expect(rule(await withdraw(aged, 1_000))).toBe('account-closed');
    expect(rule(await call('savings.close', closing(aged), SUPERVISOR))).toBe('account-closed');
    expect(rule(await call('savings.reactivate', { accountNumber: aged.accountNumber }, SUPERVISOR))).toBe('account-not-dormant');

    // The same id for another account, or a withdrawal's id: refused, never paid as a closing.
    const other = await w.openAccount('DJ300009', 5_000);
    expect(rule(await call('savings.close', { ...closing(other), operationId: input.operationId }, SUPERVISOR))).toBe('operation-id-reused');
    const withdrawalId = uuid7();
    expect(await withdraw(other, 1_000, withdrawalId)).toMatchObject({ ok: true, result: { outcome: 'paid' } });
    expect(rule(await call('savings.close', closing(other, withdrawalId), SUPERVISOR))).toBe('operation-id-reused');
  });

  it('books and pays nothing when head office’s answer is lost; pressed again with the same id it is paid once', async () => {
    const account = await w.openAccount('DJ300002', 8_000);
    const input = closing(account);
    const dropped = w.proxy.dropNextReplyTo('savings_close');
    const lost = await w.fixture.call('savings.close', input, clerk, SUPERVISOR);
    await dropped;
    expect(lost.ok && lost.result).toMatchObject({ outcome: 'waiting', amount: null });
    expect(withdrawalFlags(account.accountNumber)).toEqual([]);
    expect(w.read((db) => db.prepare('SELECT count(*) FROM print_jobs WHERE reference = ?').pluck().get(input.operationId))).toBe(0);

    await w.sync();
    // The intent was kept: the same id is sent again without a second approval, and head office answers it the same.
    const again = await w.fixture.ok('savings.close', input, clerk);
    expect(again).toMatchObject({ outcome: 'paid', balance: djf(8_000), interest: djf(0), amount: djf(8_000), approver: 'hassan' });
    expect(withdrawalFlags(account.accountNumber)).toEqual([1, 2]);
    const holds = await w.ho.staff.query('SELECT amount FROM ho.savings_holds WHERE operation_id = $1', [input.operationId]);
    expect(holds.rows).toEqual([{ amount: '8000' }]);
    await w.sync();
    expect(await headOfficeAccount(account.accountNumber)).toMatchObject({ status: 'closed', balance: '0' });
  });

  it('refuses a closing while a withdrawal is held, and offline, in words', async () => {
    const account = await w.openAccount('DJ300003', 9_000);
    // A hold from another window of the same branch, straight at head office.
    await w.ho.staff.query("SELECT ho.savings_reserve_for('DJ-DEMO', $1, $2, 1000, 600)", [uuid7(), account.accountNumber]);
    const answer = await call('savings.close', closing(account), SUPERVISOR);
    expect(answer.ok && answer.result).toMatchObject({ outcome: 'refused', refusal: 'holds-outstanding', amount: null });
    expect(withdrawalFlags(account.accountNumber)).toEqual([]);

    await w.goOffline();
    try {
      expect(rule(await call('savings.close', closing(account), SUPERVISOR))).toBe('closing-needs-head-office');
    } finally {
      await w.goOnline();
    }
  });
});

describe('blocked accounts', () => {
  it('refuses deposits to an account blocked for credits, and withdrawals and closing from one blocked for debits, with the reason', async () => {
    const account = await w.openAccount('DJ300004', 10_000);
    await w.ho.staff.query("SELECT ho.savings_block($1, 'credit', 'suspected fraud', 'staff1')", [account.accountNumber]);
    // Online, the window asks head office first: the block decided there is refused here.
    expect(rule(await deposit(account.accountNumber, 1_000))).toBe('account-blocked-for-credits');
    expect(await accountView(account.accountNumber)).toMatchObject({ status: 'blocked', blockType: 'credit' });
    // A credit block lets money out.
    expect(await withdraw(account, 1_000)).toMatchObject({ ok: true, result: { outcome: 'paid' } });

    await w.ho.staff.query("SELECT ho.savings_block($1, 'debit', 'court order 12/2026', 'staff1')", [account.accountNumber]);
    expect(rule(await withdraw(account, 1_000))).toBe('account-blocked-for-debits');
    expect(rule(await call('savings.close', closing(account), SUPERVISOR))).toBe('account-blocked-for-debits');
    expect(await accountView(account.accountNumber)).toMatchObject({ status: 'blocked', blockType: 'debit' });
    expect(await deposit(account.accountNumber, 1_000)).toMatchObject({ ok: true, result: { credited: 'now' } });
    // Refused at the window, never sent: head office saw one withdrawal only (the paid one).
    expect(withdrawalFlags(account.accountNumber)).toEqual([1, 2]);

    await w.ho.staff.query("SELECT ho.savings_block($1, 'all', 'deceased holder', 'staff1')", [account.accountNumber]);
    expect(rule(await deposit(account.accountNumber, 1_000))).toBe('account-blocked-for-credits');
    expect(rule(await withdraw(account, 1_000))).toBe('account-blocked-for-debits');
  });

  it('offline: refuses a deposit the branch knows is blocked; books one it could not know of, which head office keeps aside with an alarm', async () => {
    const known = await w.openAccount('DJ300005', 10_000);
    const unaware = await w.openAccount('DJ300006', 10_000);
    await w.ho.staff.query("SELECT ho.savings_block($1, 'credit', 'suspected fraud', 'staff1')", [known.accountNumber]);
    await accountView(known.accountNumber);

    await w.goOffline();
    try {
      // Blocked while the link is down: the branch cannot know.
      await w.ho.staff.query("SELECT ho.savings_block($1, 'credit', 'suspected fraud', 'staff1')", [unaware.accountNumber]);
      expect(rule(await deposit(known.accountNumber, 2_000))).toBe('account-blocked-for-credits');
      const booked = await deposit(unaware.accountNumber, 2_000);
      if (!booked.ok) throw new Error(booked.error.message);
      const result = booked.result as { credited: string; receipt: { entries: Array<{ kind: string; text?: string }> } };
      expect(result.credited).toBe('when-link-returns');
      // The receipt says what happens if head office refuses the credit.
      expect(result.receipt.entries.some((entry) => entry.text?.includes('garde le versement de côté'))).toBe(true);
    } finally {
      await w.goOnline();
    }
    // Not credited, never lost: kept aside at head office, with an alarm for review.
    expect(await headOfficeAccount(unaware.accountNumber)).toMatchObject({ balance: '10000', block_type: 'credit' });
    const aside = await w.ho.staff.query('SELECT reason, amount FROM ho.savings_unapplied WHERE account_number = $1', [unaware.accountNumber]);
    expect(aside.rows).toEqual([{ reason: 'account-blocked-for-credits', amount: '2000' }]);
    expect((await alarmsOf(w.ho.staff, 'savings-review')).filter((alarm) => alarm.detail.includes(unaware.accountNumber))).toEqual([
      expect.objectContaining({ detail: expect.stringMatching(/kept aside/) }),
    ]);
    expect(await accountView(unaware.accountNumber)).toMatchObject({ status: 'blocked', blockType: 'credit', balance: djf(10_000) });
  });
});

describe('dormant accounts', () => {
  it('refuses a withdrawal until a supervisor reactivates the account at the window, audited, at head office', async () => {
    const account = await w.openAccount('DJ300007', 10_000);
    await w.ho.staff.query("UPDATE ho.savings_accounts SET last_activity_at = now() - interval '400 days' WHERE account_number = $1", [account.accountNumber]);
    // The branch's copy still says active: head office refuses at the reserve, with its reason, and nothing is paid.
    expect(await withdraw(account, 1_000)).toMatchObject({ ok: true, result: { outcome: 'refused', refusal: 'account-dormant' } });
    expect(withdrawalFlags(account.accountNumber)).toEqual([1, 4]);
    expect(await accountView(account.accountNumber)).toMatchObject({ status: 'dormant' });
    // Known dormant here now: refused at the window, head office not asked to hold anything.
    expect(rule(await withdraw(account, 1_000))).toBe('account-dormant');
    expect(withdrawalFlags(account.accountNumber)).toEqual([1, 4]);
    // A dormant account still takes deposits (they do not wake it).
    expect(await deposit(account.accountNumber, 500)).toMatchObject({ ok: true });

    const input = { accountNumber: account.accountNumber };
    expect(errorCode(await call('savings.reactivate', input))).toBe('APPROVAL_REQUIRED');
    expect(errorCode(await call('savings.reactivate', input, { username: 'omar', secret: '4321' }))).toBe('APPROVAL_REFUSED');
    const woken = await call('savings.reactivate', input, SUPERVISOR);
    expect(woken.ok && woken.result).toMatchObject({ accountNumber: account.accountNumber, reactivated: true, approver: 'hassan' });
    expect(await accountView(account.accountNumber)).toMatchObject({ status: 'active' });
    const changes = await w.ho.staff.query('SELECT to_status, approver, by_branch FROM ho.savings_status_changes WHERE account_number = $1 ORDER BY id DESC LIMIT 1', [
      account.accountNumber,
    ]);
    expect(changes.rows).toEqual([{ to_status: 'active', approver: 'hassan', by_branch: 'DJ-DEMO' }]);
    const audited = w.read((db) => db.prepare("SELECT actor, outcome, details FROM audit_log WHERE action = 'savings.account.reactivated' AND subject = ?").all(account.accountNumber));
    expect(audited).toEqual([{ actor: 'amina', outcome: 'ok', details: expect.stringContaining('"approver":"hassan"') }]);

    // Active again: nothing to approve, and the withdrawal goes.
    expect(rule(await call('savings.reactivate', input, SUPERVISOR))).toBe('account-not-dormant');
    expect(await withdraw(account, 1_000)).toMatchObject({ ok: true, result: { outcome: 'paid' } });
    expect(withdrawalFlags(account.accountNumber)).toEqual([1, 4, 1, 2]);

    await w.goOffline();
    try {
      expect(rule(await call('savings.reactivate', input, SUPERVISOR))).toBe('reactivation-needs-head-office');
    } finally {
      await w.goOnline();
    }
  });
});

describe('bad input and roles', () => {
  it('refuses malformed calls and roles that do not serve customers', async () => {
    const account = aged.accountNumber;
    const technician = await w.fixture.signIn('ismail', '9012');
    const supervisor = await w.fixture.signIn('hassan', '5678');
    const cases: Array<[string, unknown]> = [
      ['savings.close', { ...closing(aged), accountNumber: 'DJ1' }],
      ['savings.close', { ...closing(aged), operationId: 'not-a-uuid' }],
      ['savings.close', { ...closing(aged), document: { type: 'identity-card', number: '' } }],
      ['savings.close', { ...closing(aged), extra: 1 }],
      ['savings.reactivate', { accountNumber: `${account}\u202e` }],
      ['savings.reactivate', {}],
      ['savings.renewPassbook', { accountNumber: account, operationId: 'not-a-uuid' }],
    ];
    for (const [method, input] of cases) expect([method, errorCode(await w.fixture.call(method, input, clerk))]).toEqual([method, 'INVALID_INPUT']);
    expect(errorCode(await w.fixture.call('savings.close', closing(aged), technician))).toBe('FORBIDDEN_ROLE');
    // Cash leaves a till: the clerk's own, not the supervisor's from afar.
    expect(errorCode(await w.fixture.call('savings.close', closing(aged), supervisor))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await w.fixture.call('savings.reactivate', { accountNumber: account }, technician))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await w.fixture.call('savings.renewPassbook', { accountNumber: account, operationId: uuid7() }, technician))).toBe('FORBIDDEN_ROLE');
    expect(errorCode(await w.fixture.call('savings.reactivate', { accountNumber: account }))).not.toBeNull();
  });
});
