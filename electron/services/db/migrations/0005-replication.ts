import { sql, type Kysely } from 'kysely';

/**
 * The branch side of replication: where head office has acknowledged up to, the
 * reference data pulled from it, and head-office corrections awaiting a
 * supervisor. The trigger is the database's own refusal to reuse a sequence
 * number head office already holds (a branch restored from an older backup).
 */
const statements = [
  `CREATE TABLE replication_cursor (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     acked_seq INTEGER NOT NULL CHECK (acked_seq >= 0),
     acked_hash TEXT NOT NULL,
     head_office_seq INTEGER NOT NULL DEFAULT 0,
     recovering INTEGER NOT NULL DEFAULT 0 CHECK (recovering IN (0, 1)),
     pull_version INTEGER NOT NULL DEFAULT 0,
     last_success_at TEXT,
     updated_at TEXT
   )`,
  `INSERT INTO replication_cursor (id, acked_seq, acked_hash) VALUES (1, 0, '${'0'.repeat(64)}')`,
  `CREATE TRIGGER replication_no_seq_reuse BEFORE INSERT ON ledger_transfers
   WHEN NEW.seq <= (SELECT head_office_seq FROM replication_cursor WHERE id = 1)
    AND (SELECT recovering FROM replication_cursor WHERE id = 1) = 0
   BEGIN SELECT RAISE(ABORT, 'head office already holds this sequence number: the branch is recovering its transfers, trading resumes after'); END`,

  `CREATE TABLE replication_reference (
     kind TEXT NOT NULL,
     key TEXT NOT NULL,
     version INTEGER NOT NULL,
     body TEXT NOT NULL,
     published_by TEXT NOT NULL,
     published_at TEXT NOT NULL,
     received_at TEXT NOT NULL,
     PRIMARY KEY (kind, key)
   )`,

  // A correction is shown until a supervisor acknowledges it; acknowledging books it.
  `CREATE TABLE replication_corrections (
     id TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     body TEXT NOT NULL,
     published_by TEXT NOT NULL,
     received_at TEXT NOT NULL,
     acknowledged_by TEXT,
     acknowledged_at TEXT,
     booked_seq INTEGER
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TRIGGER replication_no_seq_reuse').execute(db);
  for (const table of ['replication_corrections', 'replication_reference', 'replication_cursor']) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
