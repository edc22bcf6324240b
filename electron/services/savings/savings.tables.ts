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
}

export interface SavingsPassbookTable {
  number: string;
  account_number: string;
  status: 'active' | 'lost';
  page: number;
  line: number;
  /** The last head-office line number printed in this book. */
  printed_through: number;
  issued_at: string;
  issued_by: string;
  lost_at: string | null;
  lost_by: string | null;
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

export interface SavingsTables {
  savings_accounts: SavingsAccountTable;
  savings_passbooks: SavingsPassbookTable;
  savings_number_ranges: SavingsNumberRangeTable;
  savings_openings: SavingsOpeningTable;
}

export type SavingsAccountRow = Selectable<SavingsAccountTable>;
export type NewSavingsAccount = Insertable<SavingsAccountTable>;
export type SavingsPassbookRow = Selectable<SavingsPassbookTable>;
