import { createHash } from 'node:crypto';
import type { LedgerTransferTable } from './ledger.tables';

/** The chain starts from this value; the first transfer's prev_hash. */
export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Omit<LedgerTransferTable, 'prev_hash' | 'hash'>;

/**
 * Every hashed column in a fixed order. Head office recomputes the hash too:
 * changing the order is a format change. The ledger inserts in this order as well.
 */
export const HASHED_COLUMNS = [
  'seq',
  'id',
  'operation_id',
  'debit_account_id',
  'credit_account_id',
  'amount',
  'currency',
  'code',
  'flags',
  'pending_id',
  'reference',
  'unique_reference',
  'reversal_of',
  'till_session_id',
  'operator',
  'approver',
  'reason',
  'at',
] as const satisfies ReadonlyArray<keyof HashedFields>;

/** A row's hashed values, in `HASHED_COLUMNS` order. */
export type HashedValues = Array<HashedFields[(typeof HASHED_COLUMNS)[number]]>;

export const hashedValues = (row: HashedFields): HashedValues => HASHED_COLUMNS.map((column) => row[column]);

/** SHA-256 over the previous hash and the row's values: editing any row breaks every hash after it. */
export function hashOfValues(prevHash: string, values: HashedValues): string {
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(values)).digest('hex');
}

export const transferHash = (prevHash: string, row: HashedFields): string => hashOfValues(prevHash, hashedValues(row));
