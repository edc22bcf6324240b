import { sql, type Kysely } from 'kysely';

/**
 * Fewer pages written by every sale. Each index and each extra table a commit
 * touches is a page SQLite checksums, writes to the WAL and later checkpoints;
 * the sale is the counter's hottest write.
 *
 * - `ledger_transfers_operator` and `ledger_transfers_code` served only journal
 *   filters. The journal walks transfers newest first and stops at its page size,
 *   so a filter by clerk reads backwards until it has a page (measured on a
 *   1,000,000-transfer ledger in `npm run bench -- ledger`). Rare codes and the
 *   corrections keep partial indexes a sale never writes to: the journal adds
 *   the same conditions to its query so the planner may use them
 *   (ledger/journal.ts; a test checks the plan).
 * - The sequence-reuse guard reads the replication cursor once instead of twice.
 * - `audit_log` loses AUTOINCREMENT, which made every entry also rewrite
 *   `sqlite_sequence`. Its rows are never deleted (triggers refuse it), so a
 *   plain INTEGER PRIMARY KEY already never reuses a number.
 */
const statements = [
  `DROP INDEX ledger_transfers_operator`,
  `DROP INDEX ledger_transfers_code`,
  `CREATE INDEX ledger_transfers_code_not_sale ON ledger_transfers (code, seq) WHERE code <> 'sale'`,
  `CREATE INDEX ledger_transfers_corrections ON ledger_transfers (seq)
   WHERE code IN ('void', 'short', 'over', 'short-disputed', 'over-disputed', 'safe-short', 'safe-over') OR flags = 4`,

  `DROP TRIGGER replication_no_seq_reuse`,
  `CREATE TRIGGER replication_no_seq_reuse BEFORE INSERT ON ledger_transfers
   WHEN NEW.seq <= (SELECT CASE recovering WHEN 0 THEN head_office_seq ELSE -1 END FROM replication_cursor WHERE id = 1)
   BEGIN SELECT RAISE(ABORT, 'head office already holds this sequence number: the branch is recovering its transfers, trading resumes after'); END`,

  `CREATE TABLE audit_log_rebuilt (
     seq INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT,
     action TEXT NOT NULL,
     subject TEXT,
     outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
     details TEXT NOT NULL DEFAULT '{}'
   )`,
  `INSERT INTO audit_log_rebuilt (seq, at, actor, action, subject, outcome, details)
   SELECT seq, at, actor, action, subject, outcome, details FROM audit_log ORDER BY seq`,
  // Dropping the table drops its append-only triggers with it; they are made again below.
  `DROP TABLE audit_log`,
  `ALTER TABLE audit_log_rebuilt RENAME TO audit_log`,
  `CREATE INDEX audit_log_action ON audit_log (action, seq)`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX ledger_transfers_corrections').execute(db);
  await sql.raw('DROP INDEX ledger_transfers_code_not_sale').execute(db);
  await sql.raw('CREATE INDEX ledger_transfers_operator ON ledger_transfers (operator, seq)').execute(db);
  await sql.raw('CREATE INDEX ledger_transfers_code ON ledger_transfers (code, seq)').execute(db);
}
