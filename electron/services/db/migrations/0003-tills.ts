import { sql, type Kysely } from 'kysely';

/** Till sessions, their blind counts and the branch day closes. */
const statements = [
  `CREATE TABLE till_sessions (
     id TEXT PRIMARY KEY,
     till_id TEXT NOT NULL,
     clerk TEXT NOT NULL,
     currency TEXT NOT NULL,
     cash_account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
     opened_by TEXT NOT NULL,
     opened_at TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('awaiting-float', 'open', 'counting', 'closed')),
     closed_at TEXT,
     closed_by TEXT,
     close_operation_id TEXT,
     day_close_id TEXT
   )`,
  // One live session per drawer and per clerk: two clerks never share a till.
  `CREATE UNIQUE INDEX till_sessions_live_till ON till_sessions (till_id) WHERE status <> 'closed'`,
  `CREATE UNIQUE INDEX till_sessions_live_clerk ON till_sessions (clerk) WHERE status <> 'closed'`,
  `CREATE INDEX till_sessions_status ON till_sessions (status, opened_at)`,
  // A closed session stays closed.
  `CREATE TRIGGER till_sessions_closed_is_final BEFORE UPDATE ON till_sessions
   WHEN OLD.status = 'closed' AND (NEW.status <> 'closed' OR NEW.closed_at IS NOT OLD.closed_at)
   BEGIN SELECT RAISE(ABORT, 'a closed till session is final'); END`,
  `CREATE TRIGGER till_sessions_no_delete BEFORE DELETE ON till_sessions
   BEGIN SELECT RAISE(ABORT, 'till sessions are never deleted'); END`,

  // Every count is kept, recounts included: the evidence of a discrepancy.
  `CREATE TABLE till_counts (
     id TEXT PRIMARY KEY,
     till_session_id TEXT NOT NULL REFERENCES till_sessions (id),
     attempt INTEGER NOT NULL,
     counted_by TEXT NOT NULL,
     at TEXT NOT NULL,
     denominations TEXT NOT NULL,
     counted INTEGER NOT NULL CHECK (counted >= 0),
     expected INTEGER NOT NULL,
     UNIQUE (till_session_id, attempt)
   )`,
  `CREATE TRIGGER till_counts_no_update BEFORE UPDATE ON till_counts
   BEGIN SELECT RAISE(ABORT, 'till counts are kept as counted'); END`,
  `CREATE TRIGGER till_counts_no_delete BEFORE DELETE ON till_counts
   BEGIN SELECT RAISE(ABORT, 'till counts are kept as counted'); END`,

  `CREATE TABLE day_closes (
     id TEXT PRIMARY KEY,
     business_date TEXT NOT NULL UNIQUE,
     closed_by TEXT NOT NULL,
     at TEXT NOT NULL,
     first_seq INTEGER NOT NULL,
     last_seq INTEGER NOT NULL,
     last_hash TEXT NOT NULL,
     summary TEXT NOT NULL
   )`,
  `CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
   BEGIN SELECT RAISE(ABORT, 'a day close is final'); END`,
  `CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
   BEGIN SELECT RAISE(ABORT, 'a day close is final'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['day_closes', 'till_counts', 'till_sessions']) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
