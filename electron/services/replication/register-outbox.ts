import type { Sqlite } from '../db/open-database';
import { registerOutboxRepository } from './register-outbox.repository';

/**
 * The kinds of register record the branch sends to head office (HO migration 0011 applies
 * `customer`; HO migration 0015 `money-order`: an order issued here, with its secret's salt and hash).
 */
export type RegisterKind = 'customer' | 'money-order';

export interface RegisterRecord {
  kind: RegisterKind;
  recordId: string;
  /** The record as head office should hold it after this change (a whole snapshot, not a diff). */
  payload: Record<string, unknown>;
  at: string;
}

/**
 * Queues a register record for head office. Call it inside the transaction of the
 * change it records: the record and the change commit together or not at all. The
 * seq is the largest plus one, taken under SQLite's write lock, so the stream has no
 * gap (a rolled-back change takes no number) and head office can check that each
 * batch continues the last.
 */
export function appendRegisterRecord(sqlite: Sqlite, record: RegisterRecord): number {
  if (!sqlite.inTransaction) throw new Error('a register record is queued inside the transaction of its change');
  return registerOutboxRepository(sqlite).append({ kind: record.kind, recordId: record.recordId, payload: JSON.stringify(record.payload), at: record.at });
}
