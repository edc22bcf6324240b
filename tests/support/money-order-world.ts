import { randomBytes, scryptSync } from 'node:crypto';
import { uuid7 } from '@shared/uuid7';
import { makeMoneyOrderNumber } from '@shared/money-order-number';
import type { AccountSpec } from '../../electron/services/ledger/accounts';
import { accountFor } from '../../electron/services/ledger/accounts';
import { fingerprintOf } from '../../electron/services/ledger/ledger';
import { PUSH_COLUMNS } from '../../electron/services/headoffice/migrations/0002-branch-functions';
import { HeadOfficeApi, type PushAnswer } from '../../electron/services/headoffice/head-office-api';
import type { MoneyOrderTariff } from '../../electron/services/headoffice/money-orders-api';
import { HeadOfficeRegisterApi, type RecordPushAnswer } from '../../electron/services/headoffice/register-api';
import type { SqlRunner } from '../../electron/services/headoffice/sql-runner';
import type { TestBranchLedger } from './branch-ledger';

/** A tariff as staff publish it: the figures of the demo's SAMPLE. */
export const TEST_TARIFF: MoneyOrderTariff = {
  currency: 'DJF',
  bands: [
    { up_to: 10_000, fee: 300 },
    { up_to: 50_000, fee: 800 },
    { up_to: 200_000, fee: 2_000 },
    { up_to: 500_000, fee: 4_000 },
  ],
  validity_days: 90,
  payee_document_above: 20_000,
  max_amount: 500_000,
  cancel_refunds_fee: false,
};

/** The agreed secret scheme (MONEY-ORDERS-SPEC): hex(scrypt(secret, salt, 32, N=16384, r=8, p=1)). */
export const secretProof = (secret: string, salt: string): string =>
  scryptSync(secret, salt, 32, { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('hex');

/** A fresh 8-digit secret with its salt and hash, as the issuing branch makes them. */
export function makeSecret(secret = String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0')) {
  const salt = randomBytes(16).toString('hex');
  return { secret, salt, hash: secretProof(secret, salt) };
}

export const SENDER = { customer_id: '0198c0de-0000-7000-8000-000000000001', name: 'ALI FATOUMA', document_type: 'identity-card', document_number: 'DJ0012345678', document_country: 'DJI' };
export const SENDER_DOCUMENT = { document_type: 'identity-card', document_number: 'DJ0012345678', document_country: 'DJI' };
export const PAYEE_DOCUMENT = { document_type: 'passport', document_number: 'P7654321', document_country: 'DJI' };

export type OrderRecord = ReturnType<typeof orderRecord>;

/** The register record payload of an issued order, exactly as the spec fixes it. */
export function orderRecord(
  branch: string,
  serial: number,
  secret: { salt: string; hash: string },
  over: Partial<{
    amount: number;
    fee: number;
    kind: 'domestic' | 'international-outgoing';
    payee: Record<string, unknown>;
    issued_at: string;
    expires_at: string;
    international: Record<string, unknown> | null;
  }> = {},
) {
  const issued = new Date();
  return {
    number: makeMoneyOrderNumber(serial),
    operation_id: uuid7(),
    kind: over.kind ?? 'domestic',
    issuing_branch: branch,
    currency: 'DJF',
    amount: over.amount ?? 15_000,
    fee: over.fee ?? 800,
    sender: SENDER,
    payee: over.payee ?? { customer_id: null, name: 'HASSAN OMAR', document_type: null, document_number: null, document_country: null },
    secret_salt: secret.salt,
    secret_hash: secret.hash,
    issued_at: over.issued_at ?? issued.toISOString(),
    expires_at: over.expires_at ?? new Date(issued.getTime() + 90 * 86_400_000).toISOString(),
    international: over.international === undefined ? null : over.international,
  };
}

/** A branch's register stream, numbered as its outbox numbers it. */
export class RegisterStream {
  private seq = 0;
  readonly api: HeadOfficeRegisterApi;
  constructor(link: SqlRunner, branch: string) {
    this.api = new HeadOfficeRegisterApi(link, branch);
  }

  /** Sends records of kind money-order (record id = the number), continuing the branch's sequence. */
  async push(...records: Array<{ number: string } & Record<string, unknown>>): Promise<RecordPushAnswer> {
    const rows = records.map((record) => [++this.seq, 'money-order', record.number, JSON.stringify(record), new Date().toISOString()] as const);
    return this.api.push([0, 1, 2, 3, 4].map((c) => rows.map((row) => row[c])));
  }

  /** The last batch again, as a branch does when the reply was lost. */
  async resend(...records: Array<{ number: string } & Record<string, unknown>>): Promise<RecordPushAnswer> {
    this.seq -= records.length;
    return this.push(...records);
  }
}

/** The branch's money-orders-payable account (the branch side names it; here only its shape matters). */
const payable: AccountSpec = { id: 'money-orders-payable:DJF', code: 'head-office', currency: 'DJF', name: 'Money orders payable', flags: 0, tillSessionId: null };
const till = accountFor.safe('DJF');

/** Books money-order payouts and refunds in a real branch ledger, two-phase, as the counterparty frame does. */
export class MoneyOrderBookings {
  constructor(private readonly branch: TestBranchLedger) {}

  /** Cash into the drawer from elsewhere (a float), so payouts have cash to pay out. */
  cashIn(amount: number): void {
    this.run(uuid7(), 'paid-in', { amount }, (w) =>
      w.transfer({ debit: till, credit: accountFor.paidIn('float', 'DJF'), amount, currency: 'DJF', code: 'paid-in' }).id,
    );
  }

  /** The reservation booked at prepare, before the lock is asked for: answers the pending transfer's id. */
  pending(operationId: string, number: string, amount: number, code: 'money-order-payout' | 'money-order-refund' = 'money-order-payout'): string {
    return this.run(operationId, code, { number, amount }, (w) =>
      w.transfer({ debit: payable, credit: till, amount, currency: 'DJF', code, phase: 'pending', reference: number }).id,
    );
  }

  /** Confirmed: the pending transfer posted (cash leaves the drawer). */
  post(pendingId: string, amount: number, code: 'money-order-payout' | 'money-order-refund' = 'money-order-payout'): string {
    return this.resolve(pendingId, amount, code, 'post-pending');
  }

  /** Refused, expired or cancelled: the pending transfer voided. */
  void(pendingId: string, amount: number, code: 'money-order-payout' | 'money-order-refund' = 'money-order-payout'): string {
    return this.resolve(pendingId, amount, code, 'void-pending');
  }

  private resolve(pendingId: string, amount: number, code: string, phase: 'post-pending' | 'void-pending'): string {
    return this.run(uuid7(), phase, { pendingId }, (w) => w.transfer({ debit: payable, credit: till, amount, currency: 'DJF', code, phase, pendingId }).id);
  }

  private run(id: string, kind: string, request: unknown, body: (w: Parameters<Parameters<TestBranchLedger['ledger']['run']>[1]>[0]) => string): string {
    return this.branch.ledger.run({ id, kind, fingerprint: fingerprintOf(kind, request), tillSessionId: null, operator: 'clerk1', approver: null, reason: null }, body)
      .result;
  }
}

/**
 * Pushes what the branch booked after head office's cursor: through the lean push (`lean`, the path
 * the branch's job takes since HO 0013) or the older column push of branches not yet upgraded.
 */
export async function pushBookings(link: SqlRunner, code: string, branch: TestBranchLedger, staff: SqlRunner, form: 'lean' | 'columns' = 'lean'): Promise<PushAnswer> {
  const { rows } = await staff.query<{ acked_seq: string }>('SELECT acked_seq FROM ho.branch_cursors WHERE branch_code = $1', [code]);
  const after = Number(rows[0]?.acked_seq ?? 0);
  const transfers = branch.transfers().filter((r) => r.seq > after);
  if (form === 'columns') return new HeadOfficeApi(link).push({ sent_at: new Date().toISOString(), transfers });
  const columns = PUSH_COLUMNS.map(([name]) => transfers.map((row) => row[name]));
  return new HeadOfficeApi(link, code, 'lean').push({ sent_at: new Date().toISOString(), columns });
}

/** The serials `first` … `first + count − 1` as order numbers. */
export const numbersFrom = (first: number, count: number): string[] => Array.from({ length: count }, (_, i) => makeMoneyOrderNumber(first + i));
