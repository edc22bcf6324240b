import { sql, type Kysely } from 'kysely';

/**
 * The branch ledger. Transfers and operations are evidence: the database itself
 * refuses to rewrite them. Account balances are a cache kept in the same
 * transaction as the transfers and always rebuildable from them.
 */
const statements = [
  `CREATE TABLE ledger_accounts (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL,
     currency TEXT NOT NULL CHECK (length(currency) = 3),
     name TEXT NOT NULL,
     flags INTEGER NOT NULL DEFAULT 0 CHECK (flags BETWEEN 0 AND 3 AND flags <> 3),
     till_session_id TEXT,
     debits_pending INTEGER NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
     debits_posted INTEGER NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
     credits_pending INTEGER NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
     credits_posted INTEGER NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
     created_at TEXT NOT NULL
   )`,
  `CREATE INDEX ledger_accounts_code ON ledger_accounts (code)`,
  // Balances move; what an account is never does.
  `CREATE TRIGGER ledger_accounts_fixed BEFORE UPDATE OF id, code, currency, flags, till_session_id ON ledger_accounts
   BEGIN SELECT RAISE(ABORT, 'ledger account identity is fixed'); END`,
  `CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
   BEGIN SELECT RAISE(ABORT, 'ledger accounts are never deleted'); END`,

  // One row per user intent; its primary key is what makes a retry post nothing.
  `CREATE TABLE ledger_operations (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     fingerprint TEXT NOT NULL,
     till_session_id TEXT,
     operator TEXT NOT NULL,
     approver TEXT,
     reason TEXT,
     reverses_operation_id TEXT REFERENCES ledger_operations (id),
     first_seq INTEGER,
     transfer_count INTEGER NOT NULL CHECK (transfer_count >= 0),
     amount INTEGER NOT NULL DEFAULT 0,
     result TEXT NOT NULL,
     at TEXT NOT NULL
   )`,
  `CREATE INDEX ledger_operations_session ON ledger_operations (till_session_id, kind)`,
  // An operation is voided once. Partial unique indexes (here and below) hold only the
  // rows that have a value: fewer pages written per sale, same guarantee.
  `CREATE UNIQUE INDEX ledger_operations_one_void ON ledger_operations (reverses_operation_id) WHERE reverses_operation_id IS NOT NULL`,
  `CREATE TRIGGER ledger_operations_no_update BEFORE UPDATE ON ledger_operations
   BEGIN SELECT RAISE(ABORT, 'ledger_operations is append-only'); END`,
  `CREATE TRIGGER ledger_operations_no_delete BEFORE DELETE ON ledger_operations
   BEGIN SELECT RAISE(ABORT, 'ledger_operations is append-only'); END`,

  `CREATE TABLE ledger_transfers (
     seq INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     operation_id TEXT NOT NULL REFERENCES ledger_operations (id) DEFERRABLE INITIALLY DEFERRED,
     debit_account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
     credit_account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
     amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
     currency TEXT NOT NULL,
     code TEXT NOT NULL,
     flags INTEGER NOT NULL DEFAULT 0 CHECK (flags IN (0, 1, 2, 4)),
     pending_id TEXT REFERENCES ledger_transfers (id),
     reference TEXT,
     unique_reference TEXT,
     reversal_of TEXT REFERENCES ledger_transfers (id),
     till_session_id TEXT,
     operator TEXT NOT NULL,
     approver TEXT,
     reason TEXT,
     at TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL,
     CHECK (debit_account_id <> credit_account_id),
     CHECK ((flags IN (2, 4)) = (pending_id IS NOT NULL))
   )`,
  // A pending transfer is posted or voided once, whatever the code does.
  // A reference (S10 number, money-order number) that may be booked once, is.
  `CREATE UNIQUE INDEX ledger_transfers_unique_reference ON ledger_transfers (unique_reference) WHERE unique_reference IS NOT NULL`,
  // A transfer is reversed once.
  `CREATE UNIQUE INDEX ledger_transfers_one_reversal ON ledger_transfers (reversal_of) WHERE reversal_of IS NOT NULL`,
  `CREATE UNIQUE INDEX ledger_transfers_one_resolution ON ledger_transfers (pending_id) WHERE pending_id IS NOT NULL`,
  `CREATE INDEX ledger_transfers_operation ON ledger_transfers (operation_id)`,
  `CREATE INDEX ledger_transfers_session ON ledger_transfers (till_session_id, seq) WHERE till_session_id IS NOT NULL`,
  `CREATE INDEX ledger_transfers_operator ON ledger_transfers (operator, seq)`,
  `CREATE INDEX ledger_transfers_code ON ledger_transfers (code, seq)`,
  `CREATE INDEX ledger_transfers_reference ON ledger_transfers (reference) WHERE reference IS NOT NULL`,
  `CREATE INDEX ledger_transfers_open_pending ON ledger_transfers (flags) WHERE flags = 1`,
  `CREATE TRIGGER ledger_transfers_no_update BEFORE UPDATE ON ledger_transfers
   BEGIN SELECT RAISE(ABORT, 'ledger_transfers is append-only: book a correction'); END`,
  `CREATE TRIGGER ledger_transfers_no_delete BEFORE DELETE ON ledger_transfers
   BEGIN SELECT RAISE(ABORT, 'ledger_transfers is append-only: book a correction'); END`,

  // Posted totals per till session, kept in the same transaction: the Z report reads
  // a few rows whatever the size of the ledger, and verify recomputes the money in them.
  // `quantity` (items sold, for the Z report) is reporting only: transfers move money,
  // so it is not part of the hashed row.
  `CREATE TABLE ledger_session_totals (
     till_session_id TEXT NOT NULL,
     code TEXT NOT NULL,
     debit_account_id TEXT NOT NULL,
     credit_account_id TEXT NOT NULL,
     transfers INTEGER NOT NULL,
     quantity INTEGER NOT NULL,
     amount INTEGER NOT NULL,
     PRIMARY KEY (till_session_id, code, debit_account_id, credit_account_id)
   ) WITHOUT ROWID`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ledger_session_totals', 'ledger_transfers', 'ledger_operations', 'ledger_accounts']) {
    await sql.raw(`DROP TABLE ${table}`).execute(db);
  }
}
