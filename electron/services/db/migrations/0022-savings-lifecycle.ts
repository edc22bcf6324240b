import { sql, type Kysely } from 'kysely';

/**
 * The savings account's life at the window (issue 15): blocked, closing, a full passbook.
 *
 * - `savings_accounts.block_type`: head office's block (`debit`, `credit`, `all`) as last seen, so
 *   the window refuses a deposit to an account blocked for credits even while the link is down.
 * - `savings_passbooks.status` gains `full`: a book with no line left is kept as evidence, like a
 *   lost one, and a new book carries its balance forward. SQLite cannot widen a CHECK in place,
 *   so the table is rebuilt with its rows (nothing references it).
 * - `savings_closings`: a closing's intent (operation id, account, the hold asked for), committed
 *   before head office is asked, so a retry after a lost reply sends the same request under the
 *   same id and head office answers it the same.
 */
const passbooks = (statuses: string, withFull: boolean) => `CREATE TABLE savings_passbooks_rebuilt (
     number TEXT PRIMARY KEY,
     account_number TEXT NOT NULL REFERENCES savings_accounts (account_number),
     status TEXT NOT NULL CHECK (status IN (${statuses})),
     page INTEGER NOT NULL DEFAULT 1,
     line INTEGER NOT NULL DEFAULT 1,
     printed_through INTEGER NOT NULL DEFAULT 0,
     issued_at TEXT NOT NULL,
     issued_by TEXT NOT NULL,
     lost_at TEXT,
     lost_by TEXT${withFull ? ',\n     full_at TEXT,\n     full_by TEXT' : ''}
   ) STRICT`;

const common = 'number, account_number, status, page, line, printed_through, issued_at, issued_by, lost_at, lost_by';
const oneActive = "CREATE UNIQUE INDEX savings_passbooks_one_active ON savings_passbooks (account_number) WHERE status = 'active'";

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `ALTER TABLE savings_accounts ADD COLUMN block_type TEXT CHECK (block_type IN ('debit', 'credit', 'all'))`,
    passbooks("'active', 'lost', 'full'", true),
    `INSERT INTO savings_passbooks_rebuilt (${common}) SELECT ${common} FROM savings_passbooks`,
    'DROP TABLE savings_passbooks',
    'ALTER TABLE savings_passbooks_rebuilt RENAME TO savings_passbooks',
    oneActive,
    `CREATE TABLE savings_closings (
       operation_id TEXT PRIMARY KEY,
       account_number TEXT NOT NULL REFERENCES savings_accounts (account_number),
       hold_seconds INTEGER NOT NULL CHECK (hold_seconds BETWEEN 1 AND 86400),
       operator TEXT NOT NULL,
       approver TEXT,
       at TEXT NOT NULL
     ) STRICT`,
    'CREATE INDEX savings_closings_by_account ON savings_closings (account_number)',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    'DROP TABLE savings_closings',
    passbooks("'active', 'lost'", false),
    // A full book becomes lost on the way back: the older schema's only word for a book no longer in use.
    `INSERT INTO savings_passbooks_rebuilt (${common})
     SELECT number, account_number, CASE status WHEN 'full' THEN 'lost' ELSE status END, page, line, printed_through, issued_at, issued_by,
            coalesce(lost_at, full_at), coalesce(lost_by, full_by) FROM savings_passbooks`,
    'DROP TABLE savings_passbooks',
    'ALTER TABLE savings_passbooks_rebuilt RENAME TO savings_passbooks',
    oneActive,
    'ALTER TABLE savings_accounts DROP COLUMN block_type',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
