import { sql, type Kysely } from 'kysely';

/**
 * Head office's verdict on each branch day close. `day_closes` stays final as
 * booked; whether head office agrees lives beside it: a close waits for head
 * office, then is confirmed, or disputed with the differing accounts kept.
 *
 * The database itself holds the rules a bug must not break: a confirmed close
 * never goes back, a mismatch never quietly falls back to "waiting" (only a
 * comparison that matches resolves it), and every answer head office gave is
 * kept as evidence in `day_close_checks`.
 */
const statements = [
  `CREATE TABLE day_close_states (
     day_close_id TEXT PRIMARY KEY REFERENCES day_closes (id),
     state TEXT NOT NULL CHECK (state IN ('awaiting-head-office', 'confirmed', 'mismatch')),
     hash_matches INTEGER CHECK (hash_matches IN (0, 1)),
     differences TEXT NOT NULL DEFAULT '[]',
     head_office_seq INTEGER,
     head_office_comparison_id INTEGER,
     detail TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_attempt_at TEXT,
     decided_at TEXT
   )`,
  // Only undecided closes are looked for on every replication cycle.
  `CREATE INDEX day_close_states_open ON day_close_states (state) WHERE state <> 'confirmed'`,
  `CREATE TRIGGER day_close_states_confirmed_is_final BEFORE UPDATE ON day_close_states
   WHEN OLD.state = 'confirmed' AND (NEW.state <> 'confirmed' OR NEW.differences IS NOT OLD.differences)
   BEGIN SELECT RAISE(ABORT, 'a day close confirmed by head office is final'); END`,
  `CREATE TRIGGER day_close_states_mismatch_needs_match BEFORE UPDATE ON day_close_states
   WHEN OLD.state = 'mismatch' AND NEW.state = 'awaiting-head-office'
   BEGIN SELECT RAISE(ABORT, 'a day-close mismatch is resolved only by a comparison that matches'); END`,
  `CREATE TRIGGER day_close_states_no_delete BEFORE DELETE ON day_close_states
   BEGIN SELECT RAISE(ABORT, 'day-close states are never deleted'); END`,

  // Every answer head office gave, in order: a resolved mismatch stays on record.
  `CREATE TABLE day_close_checks (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     day_close_id TEXT NOT NULL REFERENCES day_closes (id),
     at TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('match', 'mismatch', 'behind')),
     hash_matches INTEGER CHECK (hash_matches IN (0, 1)),
     differences TEXT NOT NULL,
     head_office_seq INTEGER NOT NULL,
     head_office_comparison_id INTEGER NOT NULL,
     requested_by TEXT
   )`,
  `CREATE INDEX day_close_checks_close ON day_close_checks (day_close_id, id)`,
  `CREATE TRIGGER day_close_checks_no_update BEFORE UPDATE ON day_close_checks
   BEGIN SELECT RAISE(ABORT, 'head-office answers are kept as received'); END`,
  `CREATE TRIGGER day_close_checks_no_delete BEFORE DELETE ON day_close_checks
   BEGIN SELECT RAISE(ABORT, 'head-office answers are kept as received'); END`,

  // Closes made before this version were never confirmed: they wait like new ones.
  `INSERT INTO day_close_states (day_close_id, state) SELECT id, 'awaiting-head-office' FROM day_closes`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['day_close_checks', 'day_close_states']) await sql.raw(`DROP TABLE ${table}`).execute(db);
}
