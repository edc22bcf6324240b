import type { Sqlite } from '../db/open-database';
import { all, build, first, run, ONE_ROW } from '../db/typed-statement';
import type { DayCloseTable } from './day-close.tables';

/** The branch's day closes as booked: one per business date, final once written. */

export const isDayClosed = (sqlite: Sqlite, businessDate: string): boolean =>
  first(sqlite, build.selectFrom('day_closes').select('id').where('business_date', '=', businessDate)) !== undefined;

/** Where the last close stopped: the next one starts after it. */
export const lastClosedSeq = (sqlite: Sqlite): number | undefined =>
  first(sqlite, build.selectFrom('day_closes').select('last_seq').orderBy('last_seq', 'desc').limit(ONE_ROW))?.last_seq;

export function insertDayClose(sqlite: Sqlite, row: DayCloseTable): void {
  run(sqlite, build.insertInto('day_closes').values(row));
}

/** Newest first. */
export const recentDayCloses = (sqlite: Sqlite, limit: number): DayCloseTable[] =>
  all(sqlite, build.selectFrom('day_closes').selectAll().orderBy('last_seq', 'desc').orderBy('at', 'desc').limit(limit));
