import type { Insertable, Selectable } from 'kysely';

/** The branch's copy of a national savings account (migration 0021). */
export interface SavingsAccountTable {
  account_number: string;
  customer_id: string;
  holder_name: string;
  product_code: string;
  currency: string;
  status: string;
  /** Head office's figures as of `as_of`; null until head office gave any. */
  balance: number | null;
  available: number | null;
  as_of: string | null;
  opened_at: string | null;
  updated_at: string;
  /** Head office's block as last seen (migration 0022): which movements the account refuses; null when not blocked. */
  block_type: SavingsBlockType | null;
}

/** Head office's block types: debits, credits, or both. */
export type SavingsBlockType = 'debit' | 'credit' | 'all';

export interface SavingsPassbookTable {
  number: string;
  account_number: string;
  /** `full` (migration 0022): no line left, replaced by a new book carrying its balance forward. */
  status: 'active' | 'lost' | 'full';
  page: number;
  line: number;
  /** The last head-office line number printed in this book. */
  printed_through: number;
  issued_at: string;
  issued_by: string;
  lost_at: string | null;
  lost_by: string | null;
  full_at: string | null;
  full_by: string | null;
}

/** A range of account serials head office allocated to this branch. */
export interface SavingsNumberRangeTable {
  id: string;
  first_serial: number;
  last_serial: number;
  next_serial: number;
  source: 'head-office' | 'sample';
  received_at: string;
}

/** An opening's intent: the number it took, kept before head office is asked. */
export interface SavingsOpeningTable {
  operation_id: string;
  account_number: string;
  customer_id: string;
  product_code: string;
  operator: string;
  at: string;
}

/** A closing's intent (migration 0022): kept before head office is asked, sent unchanged on every retry. */
export interface SavingsClosingTable {
  operation_id: string;
  account_number: string;
  /** How long head office holds the payout; part of the request, so a retry sends the same. */
  hold_seconds: number;
  operator: string;
  approver: string | null;
  at: string;
}

export interface SavingsTables {
  savings_accounts: SavingsAccountTable;
  savings_passbooks: SavingsPassbookTable;
  savings_number_ranges: SavingsNumberRangeTable;
  savings_openings: SavingsOpeningTable;
  savings_closings: SavingsClosingTable;
}

export type SavingsAccountRow = Selectable<SavingsAccountTable>;
export type NewSavingsAccount = Insertable<SavingsAccountTable>;
export type SavingsPassbookRow = Selectable<SavingsPassbookTable>;
