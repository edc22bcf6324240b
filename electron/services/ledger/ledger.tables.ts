/** Row shapes of the ledger tables (migration 0002). */

export interface LedgerAccountTable {
  id: string;
  /** What the account is for: safe, till-cash, revenue, paid-in, paid-out, over-short, suspense, head-office. */
  code: string;
  currency: string;
  name: string;
  flags: number;
  till_session_id: string | null;
  debits_pending: number;
  debits_posted: number;
  credits_pending: number;
  credits_posted: number;
  created_at: string;
}

export interface LedgerOperationTable {
  id: string;
  kind: string;
  fingerprint: string;
  till_session_id: string | null;
  operator: string;
  approver: string | null;
  reason: string | null;
  reverses_operation_id: string | null;
  first_seq: number | null;
  transfer_count: number;
  amount: number;
  result: string;
  at: string;
}

export interface LedgerTransferTable {
  seq: number;
  id: string;
  operation_id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  currency: string;
  code: string;
  flags: number;
  pending_id: string | null;
  reference: string | null;
  unique_reference: string | null;
  reversal_of: string | null;
  till_session_id: string | null;
  operator: string;
  approver: string | null;
  reason: string | null;
  at: string;
  prev_hash: string;
  hash: string;
}

export interface LedgerSessionTotalTable {
  till_session_id: string;
  code: string;
  debit_account_id: string;
  credit_account_id: string;
  transfers: number;
  /** Items sold (reporting only; not in the hashed transfers). */
  quantity: number;
  amount: number;
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountTable;
  ledger_operations: LedgerOperationTable;
  ledger_transfers: LedgerTransferTable;
  ledger_session_totals: LedgerSessionTotalTable;
}
