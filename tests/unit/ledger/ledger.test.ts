import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { accountFor } from '../../../electron/services/ledger/accounts';
import { fingerprintOf, type OperationHeader } from '../../../electron/services/ledger/ledger';
import { rebuildBalances } from '../../../electron/services/ledger/rebuild-balances';
import { verifyLedger } from '../../../electron/services/ledger/verify-ledger';
import { openLedgerFixture, type LedgerFixture } from './ledger-fixture';

const safe = accountFor.safe('DJF');
const headOffice = accountFor.headOffice('DJF');
const revenue = accountFor.revenue('STAMP', 'DJF');

const header = (id: string, request: unknown = {}, kind = 'test'): OperationHeader => ({
  id,
  kind,
  fingerprint: fingerprintOf(kind, request),
  tillSessionId: null,
  operator: 'hassan',
  approver: null,
  reason: null,
});

const codeOf = (fn: () => unknown): { code: string; rule: unknown } => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContractError) return { code: error.code, rule: error.details?.rule };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('ledger', () => {
  let f: LedgerFixture;
  beforeEach(async () => {
    f = await openLedgerFixture();
  });
  afterEach(() => f.close());

  const deliver = (amount: number, id = uuid7()) =>
    f.ledger.run(header(id, { amount }), (op) => {
      op.transfer({ debit: safe, credit: headOffice, amount, currency: 'DJF', code: 'safe-receive' });
      return { amount };
    });
  const count = (table: string) => (f.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const account = (id: string) => f.ledger.readAccount(id)!;

  it('posts an operation of linked transfers with gap-free sequence and balances', () => {
    deliver(1000);
    f.ledger.run(header(uuid7()), (op) => {
      op.transfer({ debit: revenue, credit: safe, amount: 100, currency: 'DJF', code: 'test' });
      op.transfer({ debit: revenue, credit: safe, amount: 50, currency: 'DJF', code: 'test' });
      return {};
    });
    const seqs = (f.sqlite.prepare('SELECT seq FROM ledger_transfers ORDER BY seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    expect(seqs).toEqual([1, 2, 3]);
    expect(account(safe.id).debits_posted - account(safe.id).credits_posted).toBe(850);
    expect(verifyLedger(f.sqlite).ok).toBe(true);
  });

  it('a retry with the same id returns the first result and posts nothing', () => {
    const id = uuid7();
    const first = deliver(1000, id);
    const again = deliver(1000, id);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ result: { amount: 1000 }, replayed: true });
    expect(count('ledger_transfers')).toBe(1);
    expect(account(safe.id).debits_posted).toBe(1000);
  });

  it('the same id with a different request is refused', () => {
    const id = uuid7();
    deliver(1000, id);
    expect(codeOf(() => deliver(2000, id))).toEqual({ code: 'CONFLICT', rule: 'operation-id-reused' });
    expect(count('ledger_transfers')).toBe(1);
  });

  it('the database itself refuses a second operation row with the same id', () => {
    const id = uuid7();
    deliver(1000, id);
    expect(() =>
      f.sqlite
        .prepare("INSERT INTO ledger_operations (id, kind, fingerprint, operator, transfer_count, result, at) VALUES (?, 'x', 'y', 'z', 0, '{}', 'now')")
        .run(id),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('an operation is all or nothing: a refusal in the third transfer keeps none', () => {
    deliver(100);
    const before = count('ledger_transfers');
    expect(
      codeOf(() =>
        f.ledger.run(header(uuid7()), (op) => {
          op.transfer({ debit: revenue, credit: safe, amount: 60, currency: 'DJF', code: 'test' });
          op.transfer({ debit: revenue, credit: safe, amount: 30, currency: 'DJF', code: 'test' });
          op.transfer({ debit: revenue, credit: safe, amount: 20, currency: 'DJF', code: 'test' });
          return {};
        }),
      ),
    ).toEqual({ code: 'RULE_BROKEN', rule: 'insufficient-funds' });
    expect(count('ledger_transfers')).toBe(before);
    expect(account(safe.id).credits_posted).toBe(0);
    expect(count('ledger_operations')).toBe(1);
    expect(verifyLedger(f.sqlite).ok).toBe(true);
  });

  it('refuses zero, negative, fractional amounts and mixed currencies', () => {
    for (const amount of [0, -5, 1.5]) {
      expect(codeOf(() => deliver(amount)).code).toBe('INVALID_INPUT');
    }
    expect(
      codeOf(() =>
        f.ledger.run(header(uuid7()), (op) => op.transfer({ debit: accountFor.safe('XAF'), credit: headOffice, amount: 5, currency: 'DJF', code: 'x' })),
      ),
    ).toEqual({ code: 'INVALID_INPUT', rule: 'currency-mismatch' });
    expect(count('ledger_transfers')).toBe(0);
  });

  it('a unique reference is booked once, enforced by the database', () => {
    deliver(5000);
    const sell = (reference: string) =>
      f.ledger.run(header(uuid7(), { reference }), (op) =>
        op.transfer({ debit: safe, credit: revenue, amount: 100, currency: 'DJF', code: 'sale', reference, uniqueReference: true }),
      );
    sell('RR123456785DJ');
    expect(codeOf(() => sell('RR123456785DJ'))).toEqual({ code: 'CONFLICT', rule: 'duplicate-reference' });
  });

  it('two-phase: a reservation holds the money, posts or voids once', () => {
    deliver(1000);
    const till = accountFor.tillCash('s1', 'G1', 'DJF');
    const reserve = f.ledger.run(header(uuid7()), (op) =>
      op.transfer({ debit: till, credit: safe, amount: 800, currency: 'DJF', code: 'float', phase: 'pending' }),
    ).result;
    expect(account(safe.id).credits_pending).toBe(800);
    // The reservation counts against the safe: only 200 remain available.
    expect(codeOf(() => f.ledger.run(header(uuid7()), (op) => op.transfer({ debit: headOffice, credit: safe, amount: 300, currency: 'DJF', code: 'x' })))).toEqual({
      code: 'RULE_BROKEN',
      rule: 'insufficient-funds',
    });
    const post = () =>
      f.ledger.run(header(uuid7()), (op) =>
        op.transfer({ debit: till, credit: safe, amount: 800, currency: 'DJF', code: 'float', phase: 'post-pending', pendingId: reserve.id }),
      );
    post();
    expect(account(till.id).debits_posted).toBe(800);
    expect(account(safe.id).credits_pending).toBe(0);
    expect(codeOf(post)).toEqual({ code: 'CONFLICT', rule: 'pending-resolved' });
    expect(verifyLedger(f.sqlite).ok).toBe(true);
  });

  it('triggers refuse UPDATE and DELETE on transfers and operations', () => {
    deliver(1000);
    expect(() => f.sqlite.prepare('UPDATE ledger_transfers SET amount = 1').run()).toThrow(/append-only/);
    expect(() => f.sqlite.prepare('DELETE FROM ledger_transfers').run()).toThrow(/append-only/);
    expect(() => f.sqlite.prepare("UPDATE ledger_operations SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => f.sqlite.prepare("UPDATE ledger_accounts SET currency = 'EUR'").run()).toThrow(/fixed/);
  });

  it('verify finds a stale balance, and rebuilding from transfers repairs it', () => {
    deliver(1000);
    deliver(500);
    // Outside the ledger's write path the database refuses the edit; dropping the trigger gets past it.
    expect(() => f.sqlite.prepare('UPDATE ledger_accounts SET debits_posted = 999 WHERE id = ?').run(safe.id)).toThrow(/move only with their transfers/);
    f.sqlite.exec('DROP TRIGGER ledger_accounts_balances_by_ledger');
    f.sqlite.prepare('UPDATE ledger_accounts SET debits_posted = 999 WHERE id = ?').run(safe.id);
    const report = verifyLedger(f.sqlite);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === 'balances')?.ok).toBe(false);
    expect(report.badAccounts.map((a) => a.accountId)).toEqual([safe.id]);
    expect(rebuildBalances(f.sqlite, f.ledger.journal)).toEqual([safe.id]);
    expect(verifyLedger(f.sqlite).ok).toBe(true);
  });

  it('verify reports the first bad row of a broken chain or a gap', () => {
    for (let i = 1; i <= 5; i += 1) deliver(100 * i);
    f.sqlite.exec('DROP TRIGGER ledger_transfers_no_update; DROP TRIGGER ledger_transfers_no_delete;');
    f.sqlite.prepare("UPDATE ledger_transfers SET operator = 'mallory' WHERE seq = 3").run();
    let report = verifyLedger(f.sqlite);
    expect(report.firstBadRow).toMatchObject({ seq: 3, check: 'hash-chain' });
    f.sqlite.prepare("UPDATE ledger_transfers SET operator = 'hassan' WHERE seq = 3").run();
    expect(verifyLedger(f.sqlite).ok).toBe(true);
    f.sqlite.prepare('DELETE FROM ledger_transfers WHERE seq = 5').run();
    f.sqlite.prepare('UPDATE ledger_transfers SET seq = 6 WHERE seq = 4').run();
    report = verifyLedger(f.sqlite);
    expect(report.ok).toBe(false);
    expect(report.firstBadRow).toMatchObject({ seq: 4, check: 'sequence' });
  });

  it('audits each operation in its own transaction, and refusals too', () => {
    deliver(10);
    codeOf(() => deliver(0));
    const rows = f.sqlite.prepare("SELECT outcome FROM audit_log WHERE action = 'ledger.test' ORDER BY seq").all() as Array<{ outcome: string }>;
    expect(rows.map((r) => r.outcome)).toEqual(['ok', 'refused']);
  });
});
