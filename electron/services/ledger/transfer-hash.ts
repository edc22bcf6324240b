import { createHash } from 'node:crypto';
import type { LedgerTransferTable } from './ledger.tables';

/** The chain starts from this value; the first transfer's prev_hash. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Omit<LedgerTransferTable, 'prev_hash' | 'hash'>;

/**
 * Every field of the row in a fixed order, so the same row always gives the same
 * bytes. Head office recomputes this too: changing the order is a format change.
 */
export function canonicalTransfer(row: HashedFields): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.operation_id,
    row.debit_account_id,
    row.credit_account_id,
    row.amount,
    row.currency,
    row.code,
    row.flags,
    row.pending_id,
    row.reference,
    row.unique_reference,
    row.reversal_of,
    row.till_session_id,
    row.operator,
    row.approver,
    row.reason,
    row.at,
  ]);
}

/** SHA-256 over the previous hash and this row: editing any row breaks every hash after it. */
export function transferHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalTransfer(row)).digest('hex');
}
