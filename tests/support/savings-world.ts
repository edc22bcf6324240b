import { uuid7 } from '@shared/uuid7';
import { makeSavingsAccountNumber } from '@shared/savings-account-number';
import type { AccountSpec } from '../../electron/services/ledger/accounts';
import { accountFor } from '../../electron/services/ledger/accounts';
import { fingerprintOf } from '../../electron/services/ledger/ledger';
import { HeadOfficeApi, type PushAnswer } from '../../electron/services/headoffice/head-office-api';
import type { SqlRunner } from '../../electron/services/headoffice/sql-runner';
import type { TestBranchLedger } from './branch-ledger';

/** A savings product as head-office staff publish it; tiers 'basic' and 'full'. */
export const TEST_PRODUCT = {
  code: 'livret-a',
  name: 'Livret postal',
  currency: 'DJF',
  annual_rate_bp: 350,
  posting_period: 'month',
  min_opening_deposit: 1000,
  min_balance: 500,
  max_balance: { basic: 200_000, full: 5_000_000 },
  daily_withdrawal_limit: { basic: 50_000, full: 500_000 },
  monthly_withdrawal_limit: { basic: 150_000, full: 2_000_000 },
  dormancy_days: 365,
  fees: { passbook_replacement: 500 },
};

export async function publishProduct(staff: SqlRunner, product: Record<string, unknown> = TEST_PRODUCT): Promise<number> {
  const { rows } = await staff.query<{ v: string }>('SELECT ho.publish_savings_product($1::jsonb, $2) AS v', [JSON.stringify(product), 'test-staff']);
  return Number(rows[0]!.v);
}

/** Allocates a range of account serials to a branch; answers the account numbers it makes. */
export async function allocateNumbers(staff: SqlRunner, branch: string, size: number): Promise<string[]> {
  const { rows } = await staff.query<{ first_serial: number; last_serial: number }>(
    'SELECT first_serial, last_serial FROM ho.allocate_savings_range($1, $2)',
    [branch, size],
  );
  const { first_serial: first, last_serial: last } = rows[0]!;
  return Array.from({ length: last - first + 1 }, (_, i) => makeSavingsAccountNumber(first + i));
}

/** The branch's savings-to-remit account (the branch side names it; here only its shape matters). */
const savingsToRemit: AccountSpec = { id: 'savings-to-remit:DJF', code: 'head-office', currency: 'DJF', name: 'Savings to remit', flags: 0, tillSessionId: null };
const till = accountFor.safe('DJF');

/** Books savings operations in a real branch ledger, exactly as agreed with the branch side. */
export class SavingsBookings {
  constructor(private readonly branch: TestBranchLedger) {}

  /** Cash into the drawer from elsewhere (a float), so withdrawals have cash to pay out. */
  cashIn(amount: number): void {
    this.run(uuid7(), 'paid-in', { amount }, (w) =>
      w.transfer({ debit: till, credit: accountFor.paidIn('float', 'DJF'), amount, currency: 'DJF', code: 'paid-in' }).id,
    );
  }

  /** A deposit: till cash in, savings to remit out; reference the account number. Answers the transfer id. */
  deposit(accountNumber: string, amount: number, operationId = uuid7()): string {
    return this.run(operationId, 'savings-deposit', { accountNumber, amount }, (w) =>
      w.transfer({ debit: till, credit: savingsToRemit, amount, currency: 'DJF', code: 'savings-deposit', reference: accountNumber }).id,
    );
  }

  /** The withdrawal booked after head office reserved it: pending, under the hold's operation id. */
  pendingWithdrawal(operationId: string, accountNumber: string, amount: number): string {
    return this.run(operationId, 'savings-withdrawal', { accountNumber, amount }, (w) =>
      w.transfer({ debit: savingsToRemit, credit: till, amount, currency: 'DJF', code: 'savings-withdrawal', phase: 'pending', reference: accountNumber }).id,
    );
  }

  /** Paid: the pending transfer posted. */
  pay(pendingId: string, amount: number): string {
    return this.resolve(pendingId, amount, 'post-pending');
  }

  /** Cancelled before paying: the pending transfer voided. */
  void(pendingId: string, amount: number): string {
    return this.resolve(pendingId, amount, 'void-pending');
  }

  private resolve(pendingId: string, amount: number, phase: 'post-pending' | 'void-pending'): string {
    return this.run(uuid7(), phase, { pendingId }, (w) =>
      w.transfer({ debit: savingsToRemit, credit: till, amount, currency: 'DJF', code: 'savings-withdrawal', phase, pendingId }).id,
    );
  }

  private run(id: string, kind: string, request: unknown, body: (w: Parameters<Parameters<TestBranchLedger['ledger']['run']>[1]>[0]) => string): string {
    return this.branch.ledger.run({ id, kind, fingerprint: fingerprintOf(kind, request), tillSessionId: null, operator: 'clerk1', approver: null, reason: null }, body)
      .result;
  }
}

/** Pushes everything the branch booked after `afterSeq` (the batch head office acknowledges). */
export async function pushAll(link: SqlRunner, branch: TestBranchLedger, afterSeq = 0): Promise<PushAnswer> {
  const rows = branch.transfers().filter((r) => r.seq > afterSeq);
  return new HeadOfficeApi(link).push({ sent_at: new Date().toISOString(), transfers: rows });
}

export interface AlarmRow {
  branch_code: string;
  kind: string;
  seq: string | null;
  detail: string;
}

export async function alarmsOf(staff: SqlRunner, kindPrefix = 'savings-'): Promise<AlarmRow[]> {
  const { rows } = await staff.query<AlarmRow>('SELECT branch_code, kind, seq, detail FROM ho.alarms WHERE kind LIKE $1 ORDER BY id', [`${kindPrefix}%`]);
  return rows;
}
