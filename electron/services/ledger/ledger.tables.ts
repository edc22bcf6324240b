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
  /** The transfer that last moved the balances (migration 0016). */
  last_seq: number | null;
  /** Keyed MAC over the balances and last_seq: a cash check trusts only a sealed balance. */
  balance_seal: string | null;
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

/** The branch's journal keys (public half only), each signing from `first_seq` on. */
export interface JournalKeyTable {
  id: number;
  /** Raw 32-byte Ed25519 public key, base64. */
  public_key: string;
  fingerprint: string;
  first_seq: number;
  created_at: string;
}

/** The signature of the hash at `seq`, the last transfer of an operation. */
export interface LedgerSignatureTable {
  seq: number;
  key_id: number;
  /** Ed25519 over the 32 bytes of the transfer hash, base64. */
  signature: string;
}

export interface LedgerTables {
  journal_keys: JournalKeyTable;
  ledger_signatures: LedgerSignatureTable;
  ledger_accounts: LedgerAccountTable;
  ledger_operations: LedgerOperationTable;
  ledger_transfers: LedgerTransferTable;
  ledger_session_totals: LedgerSessionTotalTable;
}
