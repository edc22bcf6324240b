import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open-database';

// Statements run on every acceptance, tracking event or reprint, prepared once per database.
const cache = new WeakMap<Sqlite, Map<string, Statement<unknown[]>>>();

export function prepared(sqlite: Sqlite, sql: string): Statement<unknown[]> {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let found = statements.get(sql);
  if (!found) statements.set(sql, (found = sqlite.prepare<unknown[]>(sql)));
  return found;
}
