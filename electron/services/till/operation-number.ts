// The short number a customer's receipt carries. Chosen over the first transfer's `seq` (which
// needs no table) because a receipt number must read as a continuous series: `seq` jumps by the
// number of lines of each basket and a hand-over without cash on delivery has no transfer at all,
// so its receipt would have no number. Gap-free per branch: taken inside the operation's own
// transaction (migration 0018), so a refused operation takes none.
import type { Sqlite } from '../db/open-database';
import { perDatabase, typedStatement } from '../db/typed-statement';

// Run by every cash operation: prepared once per database.
const hot = perDatabase((sqlite) => ({
  take: typedStatement(sqlite, (db, p: { operationId: string; at: string }) =>
    db.insertInto('operation_numbers').values({ operation_id: p.operationId, at: p.at }).returning('number'),
  ),
}));

/** `DJ-DEMO` and 123 → `DJ-DEMO-000123`: six digits at least, more when a branch needs them. */
export const formatOperationNumber = (branchCode: string, sequence: number): string => `${branchCode}-${String(sequence).padStart(6, '0')}`;

/**
 * The next number of the branch, for this operation. Inside the operation's transaction only:
 * the rowid is the number (no AUTOINCREMENT, rows are never deleted), so SQLite gives the
 * largest plus one, and a rollback takes it back.
 */
export function takeOperationNumber(sqlite: Sqlite, branchCode: string, operationId: string, at: string): string {
  if (!sqlite.inTransaction) throw new Error('operation number: take it inside the operation it numbers');
  const taken = hot(sqlite).take.get({ operationId, at });
  if (!taken) throw new Error('operation number: the insert returned no number');
  return formatOperationNumber(branchCode, taken.number);
}
