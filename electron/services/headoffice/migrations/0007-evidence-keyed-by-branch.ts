import { sql, type Kysely } from 'kysely';

/**
 * Quarantine, alarms and day-close comparisons keyed by branch first.
 *
 * They are written by `ho.push` and `ho.compare_day_close`, one branch per call,
 * but were keyed by a bare `bigserial`: a table distributed by branch (Citus)
 * needs the distribution column in every unique key. The serial stays as the
 * order within a branch (alarms newest first, comparisons in turn) and the
 * answer's `comparison_id`; it is no longer a key on its own.
 */

const tables = ['quarantine', 'alarms', 'day_close_comparisons'];

const statements = tables.flatMap((table) => [
  `ALTER TABLE ho.${table} DROP CONSTRAINT ${table}_pkey`,
  `ALTER TABLE ho.${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (branch_code, id)`,
]);

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) {
    await sql.raw(`ALTER TABLE ho.${table} DROP CONSTRAINT ${table}_pkey`).execute(db);
    await sql.raw(`ALTER TABLE ho.${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id)`).execute(db);
  }
}
