import { sql, type Kysely } from 'kysely';

/**
 * What the branch keeps of postal savings. Accounts live nationally at head office: this is
 * the branch's copy of the ones it opened or looked up (for offline deposits and the passbook),
 * with the last figures head office gave. Money is never here: deposits and withdrawals are
 * ledger transfers (codes `savings-deposit`, `savings-withdrawal`, reference = account number),
 * and what head office has not credited yet is derived from them, not stored.
 *
 * Account numbers come from serial ranges head office allocates to the branch (pulled as
 * `savings-range`), like S10 serials: two branches never make the same number. An opening takes its
 * number in `savings_openings` before head office is asked, so a retry of the same intent (the same
 * operation id) asks for the same number, and a number once taken is never taken again.
 *
 * A passbook is paper the customer holds: its line cursor (page, line, and the last head-office
 * line printed) moves only after the printer confirmed the lines. A lost passbook is blocked and
 * a new one issued; the old row stays, so a lost book presented later is recognised.
 */
const statements = [
  `CREATE TABLE savings_accounts (
     account_number TEXT PRIMARY KEY,
     customer_id TEXT NOT NULL,
     holder_name TEXT NOT NULL,
     product_code TEXT NOT NULL,
     currency TEXT NOT NULL,
     status TEXT NOT NULL,
     balance INTEGER,
     available INTEGER,
     as_of TEXT,
     opened_at TEXT,
     updated_at TEXT NOT NULL
   ) STRICT`,
  'CREATE INDEX savings_accounts_by_customer ON savings_accounts (customer_id)',
  `CREATE TABLE savings_passbooks (
     number TEXT PRIMARY KEY,
     account_number TEXT NOT NULL REFERENCES savings_accounts (account_number),
     status TEXT NOT NULL CHECK (status IN ('active', 'lost')),
     page INTEGER NOT NULL DEFAULT 1,
     line INTEGER NOT NULL DEFAULT 1,
     printed_through INTEGER NOT NULL DEFAULT 0,
     issued_at TEXT NOT NULL,
     issued_by TEXT NOT NULL,
     lost_at TEXT,
     lost_by TEXT
   ) STRICT`,
  `CREATE TABLE savings_number_ranges (
     id TEXT PRIMARY KEY,
     first_serial INTEGER NOT NULL,
     last_serial INTEGER NOT NULL,
     next_serial INTEGER NOT NULL,
     source TEXT NOT NULL,
     received_at TEXT NOT NULL,
     CHECK (first_serial <= next_serial AND next_serial <= last_serial + 1)
   ) STRICT`,
  `CREATE TABLE savings_openings (
     operation_id TEXT PRIMARY KEY,
     account_number TEXT NOT NULL UNIQUE,
     customer_id TEXT NOT NULL,
     product_code TEXT NOT NULL,
     operator TEXT NOT NULL,
     at TEXT NOT NULL
   ) STRICT`,
  // One passbook in use per account; lost ones stay as evidence.
  "CREATE UNIQUE INDEX savings_passbooks_one_active ON savings_passbooks (account_number) WHERE status = 'active'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE savings_openings').execute(db);
  await sql.raw('DROP TABLE savings_number_ranges').execute(db);
  await sql.raw('DROP TABLE savings_passbooks').execute(db);
  await sql.raw('DROP TABLE savings_accounts').execute(db);
}
