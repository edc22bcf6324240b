import { sql, type Kysely } from 'kysely';

/**
 * The short number a customer's receipt carries (`DJ-DEMO-000123`), one per operation that takes
 * or gives cash, gap-free for the branch: the number is taken inside the operation's own
 * transaction (the largest plus one, while the write lock is held), so a refused operation takes
 * none and a booked one keeps its number for good. The rowid is the number: taking the next one
 * reads the last row of the table, and the insert appends to the same page — no index of its own.
 * Numbers are evidence a customer holds on paper: triggers refuse to change or delete them.
 */
const statements = [
  `CREATE TABLE operation_numbers (
     number INTEGER PRIMARY KEY,
     operation_id TEXT NOT NULL,
     at TEXT NOT NULL
   )`,
  `CREATE TRIGGER operation_numbers_no_update BEFORE UPDATE ON operation_numbers BEGIN SELECT RAISE(ABORT, 'operation numbers are kept as issued'); END`,
  `CREATE TRIGGER operation_numbers_no_delete BEFORE DELETE ON operation_numbers BEGIN SELECT RAISE(ABORT, 'operation numbers are kept as issued'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE operation_numbers').execute(db);
}
