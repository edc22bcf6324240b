import type { DayCloseDifference } from '@shared/contract';
import { sql } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { all, build, first, run, ONE_ROW } from '../db/typed-statement';
import type { DayCloseWithState } from './day-close.tables';

/** What head office answered to one comparison, in the branch's words. */
export interface HeadOfficeVerdict {
  outcome: 'match' | 'mismatch' | 'behind';
  hashMatches: boolean | null;
  differences: DayCloseDifference[];
  headOfficeSeq: number;
  comparisonId: number;
}

/** A state row with its close's date, last seq and hash. */
const withClose = () =>
  build
    .selectFrom('day_close_states as s')
    .innerJoin('day_closes as c', 'c.id', 's.day_close_id')
    .selectAll('s')
    .select(['c.business_date', 'c.last_seq', 'c.last_hash']);

/** Not yet confirmed: the condition of the partial index `day_close_states_open` (migration 0008), as a literal. */
const CONFIRMED = sql.lit<'confirmed'>('confirmed');

/** Booked in the day close's own transaction: a close always has a state. */
export function recordAwaiting(sqlite: Sqlite, dayCloseId: string): void {
  run(sqlite, build.insertInto('day_close_states').values({ day_close_id: dayCloseId, state: 'awaiting-head-office' }));
}

export function stateOf(sqlite: Sqlite, dayCloseId: string): DayCloseWithState | undefined {
  return first(sqlite, withClose().where('s.day_close_id', '=', dayCloseId));
}

export function stateOfDate(sqlite: Sqlite, businessDate: string): DayCloseWithState | undefined {
  return first(sqlite, withClose().where('c.business_date', '=', businessDate));
}

/** Closes head office has not confirmed, in ledger order: waiting ones and disputed ones. */
export function undecided(sqlite: Sqlite): DayCloseWithState[] {
  return all(sqlite, withClose().where('s.state', '<>', CONFIRMED).orderBy('c.last_seq').orderBy('c.at'));
}

/** The oldest close head office disputes: while there is one, no further day may close. */
export function blockingMismatch(sqlite: Sqlite): DayCloseWithState | undefined {
  return first(sqlite, withClose().where('s.state', '=', sql.lit<'mismatch'>('mismatch')).orderBy('c.last_seq').orderBy('c.at').limit(ONE_ROW));
}

export function statesByClose(sqlite: Sqlite, ids: string[]): Map<string, DayCloseWithState> {
  if (ids.length === 0) return new Map();
  const rows = all(sqlite, withClose().where('s.day_close_id', 'in', ids));
  return new Map(rows.map((row) => [row.day_close_id, row]));
}

/** How far head office has acknowledged the ledger (replication cursor, migration 0005). */
export function ackedSeqOf(sqlite: Sqlite): number {
  return first(sqlite, build.selectFrom('replication_cursor').select('acked_seq').where('id', '=', 1))?.acked_seq ?? 0;
}

/**
 * Keeps head office's answer and moves the state, in one transaction. A match
 * confirms (even a disputed close: that is how a mismatch is resolved); a
 * mismatch disputes; "behind" changes nothing but the words. A confirmed close
 * keeps its state whatever comes later (the answer is still kept as evidence).
 */
export function recordVerdict(sqlite: Sqlite, dayCloseId: string, verdict: HeadOfficeVerdict, at: string, requestedBy: string | null): void {
  const hash = verdict.hashMatches === null ? null : verdict.hashMatches ? 1 : 0;
  const differences = JSON.stringify(verdict.differences);
  sqlite.transaction(() => {
    run(
      sqlite,
      build.insertInto('day_close_checks').values({
        day_close_id: dayCloseId,
        at,
        outcome: verdict.outcome,
        hash_matches: hash,
        differences,
        head_office_seq: verdict.headOfficeSeq,
        head_office_comparison_id: verdict.comparisonId,
        requested_by: requestedBy,
      }),
    );
    const stillOpen = build.updateTable('day_close_states').where('day_close_id', '=', dayCloseId).where('state', '<>', CONFIRMED);
    if (verdict.outcome === 'behind') {
      run(
        sqlite,
        stillOpen.set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_attempt_at: at,
          head_office_seq: verdict.headOfficeSeq,
          head_office_comparison_id: verdict.comparisonId,
          detail: `head office holds up to seq ${verdict.headOfficeSeq}`,
        })),
      );
      return;
    }
    run(
      sqlite,
      stillOpen.set((eb) => ({
        state: verdict.outcome === 'match' ? 'confirmed' : 'mismatch',
        hash_matches: hash,
        differences,
        head_office_seq: verdict.headOfficeSeq,
        head_office_comparison_id: verdict.comparisonId,
        detail: null,
        attempts: eb('attempts', '+', 1),
        last_attempt_at: at,
        decided_at: at,
      })),
    );
  })();
}

/** A comparison that never got an answer: the close keeps its state, the supervisor reads why. */
export function recordUnanswered(sqlite: Sqlite, dayCloseId: string, detail: string, at: string): void {
  run(
    sqlite,
    build
      .updateTable('day_close_states')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: at, detail }))
      .where('day_close_id', '=', dayCloseId)
      .where('state', '<>', CONFIRMED),
  );
}
