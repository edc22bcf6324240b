import type { Sqlite } from '../db/open-database';
import { all, build, first, run } from '../db/typed-statement';
import type { TillCountTable } from './till.tables';

/** Blind counts, every attempt kept: the close uses the latest. */

export const countsOfSession = (sqlite: Sqlite, sessionId: string): number =>
  first(sqlite, build.selectFrom('till_counts').select((eb) => eb.fn.countAll<number>().as('n')).where('till_session_id', '=', sessionId))?.n ?? 0;

export function insertCount(sqlite: Sqlite, row: TillCountTable): void {
  run(sqlite, build.insertInto('till_counts').values(row));
}

export const listCounts = (sqlite: Sqlite, sessionId: string): TillCountTable[] =>
  all(sqlite, build.selectFrom('till_counts').selectAll().where('till_session_id', '=', sessionId).orderBy('attempt'));
