import { sql, type Kysely } from 'kysely';

/**
 * The audit trail's index by action leaves out the ledger's own entries. Every sale wrote
 * one more page into `audit_log_action`, yet the trail's reader never used it (its
 * `@action IS NULL OR action = @action` filter hides the index from the planner). Ledger
 * entries are most of the trail, and a filter on them finds them at once walking back
 * by number; the other actions (sign-ins, approvals, settings…) are rare and get the
 * partial index, which a sale never writes to. `AuditLog.list` repeats its condition
 * so the planner may use it (a test checks the plan).
 */
const statements = [
  `DROP INDEX audit_log_action`,
  `CREATE INDEX audit_log_by_action ON audit_log (action, seq) WHERE action NOT LIKE 'ledger.%'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX audit_log_by_action').execute(db);
  await sql.raw('CREATE INDEX audit_log_action ON audit_log (action, seq)').execute(db);
}
