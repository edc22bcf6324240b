import type { Generated } from 'kysely';
import type { TillStatus } from '@shared/contract';

/** Row shapes of the till tables (migration 0003). */

export interface TillSessionTable {
  id: string;
  till_id: string;
  clerk: string;
  currency: string;
  cash_account_id: string;
  opened_by: string;
  opened_at: string;
  status: TillStatus;
  closed_at: string | null;
  closed_by: string | null;
  close_operation_id: string | null;
  day_close_id: string | null;
}

export interface TillCountTable {
  id: string;
  till_session_id: string;
  attempt: number;
  counted_by: string;
  at: string;
  /** JSON array of { denomination, quantity }. */
  denominations: string;
  counted: number;
  expected: number;
}

/**
 * The receipt numbers (migration 0018): the rowid is the number, gap-free per branch, taken inside
 * the operation it numbers.
 */
export interface OperationNumberTable {
  number: Generated<number>;
  operation_id: string;
  at: string;
}

export interface TillTables {
  till_sessions: TillSessionTable;
  till_counts: TillCountTable;
  operation_numbers: OperationNumberTable;
}
