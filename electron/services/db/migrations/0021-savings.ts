import { sql, type Kysely } from 'kysely';

/**
 * What the branch keeps of postal savings. Accounts live nationally at head office: this is
 * the branch's copy of the ones it opened or looked up (for offline deposits and the passbook),
 * with the last figures head office gave. Money is never here: deposits and withdrawals are
 * ledger transfers (codes `savings-deposit`, `savings-withdrawal`, reference = account number),
 * and what head office has not credited yet is derived from them, not stored.
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
  // One passbook in use per account; lost ones stay as evidence.
  "CREATE UNIQUE INDEX savings_passbooks_one_active ON savings_passbooks (account_number) WHERE status = 'active'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE savings_passbooks').execute(db);
  await sql.raw('DROP TABLE savings_accounts').execute(db);
}
