import { sql, type Kysely } from 'kysely';

/**
 * Print jobs found by what they belong to: a void cancels the jobs of the operation and of its
 * S10 numbers still waiting, and a reprint finds an item's label, without reading a queue that
 * keeps every job ever printed.
 */
const statements = [`CREATE INDEX print_jobs_reference ON print_jobs (reference)`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX print_jobs_reference').execute(db);
}
