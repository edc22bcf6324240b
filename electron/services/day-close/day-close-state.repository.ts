import type { DayCloseDifference } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import type { DayCloseWithState } from './day-close-state.tables';

/** What head office answered to one comparison, in the branch's words. */
export interface HeadOfficeVerdict {
  outcome: 'match' | 'mismatch' | 'behind';
  hashMatches: boolean | null;
  differences: DayCloseDifference[];
  headOfficeSeq: number;
  comparisonId: number;
}

const WITH_CLOSE = `SELECT s.*, c.business_date, c.last_seq, c.last_hash
  FROM day_close_states s JOIN day_closes c ON c.id = s.day_close_id`;

/** Booked in the day close's own transaction: a close always has a state. */
export function recordAwaiting(sqlite: Sqlite, dayCloseId: string): void {
  sqlite.prepare("INSERT INTO day_close_states (day_close_id, state) VALUES (?, 'awaiting-head-office')").run(dayCloseId);
}

export function stateOf(sqlite: Sqlite, dayCloseId: string): DayCloseWithState | undefined {
  return sqlite.prepare(`${WITH_CLOSE} WHERE s.day_close_id = ?`).get(dayCloseId) as DayCloseWithState | undefined;
}

export function stateOfDate(sqlite: Sqlite, businessDate: string): DayCloseWithState | undefined {
  return sqlite.prepare(`${WITH_CLOSE} WHERE c.business_date = ?`).get(businessDate) as DayCloseWithState | undefined;
}

/** Closes head office has not confirmed, in ledger order: waiting ones and disputed ones. */
export function undecided(sqlite: Sqlite): DayCloseWithState[] {
  return sqlite.prepare(`${WITH_CLOSE} WHERE s.state <> 'confirmed' ORDER BY c.last_seq, c.at`).all() as DayCloseWithState[];
}

/** The oldest close head office disputes: while there is one, no further day may close. */
export function blockingMismatch(sqlite: Sqlite): DayCloseWithState | undefined {
  return sqlite.prepare(`${WITH_CLOSE} WHERE s.state = 'mismatch' ORDER BY c.last_seq, c.at LIMIT 1`).get() as DayCloseWithState | undefined;
}

export function statesByClose(sqlite: Sqlite, ids: string[]): Map<string, DayCloseWithState> {
  if (ids.length === 0) return new Map();
  const rows = sqlite.prepare(`${WITH_CLOSE} WHERE s.day_close_id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as DayCloseWithState[];
  return new Map(rows.map((row) => [row.day_close_id, row]));
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
    sqlite
      .prepare(
        `INSERT INTO day_close_checks (day_close_id, at, outcome, hash_matches, differences, head_office_seq, head_office_comparison_id, requested_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(dayCloseId, at, verdict.outcome, hash, differences, verdict.headOfficeSeq, verdict.comparisonId, requestedBy);
    const counted = { id: dayCloseId, at, seq: verdict.headOfficeSeq, comparison: verdict.comparisonId };
    if (verdict.outcome === 'behind') {
      sqlite
        .prepare(
          `UPDATE day_close_states SET attempts = attempts + 1, last_attempt_at = @at, head_office_seq = @seq,
             head_office_comparison_id = @comparison, detail = @detail WHERE day_close_id = @id AND state <> 'confirmed'`,
        )
        .run({ ...counted, detail: `head office holds up to seq ${verdict.headOfficeSeq}` });
      return;
    }
    sqlite
      .prepare(
        `UPDATE day_close_states SET state = @state, hash_matches = @hash, differences = @differences, head_office_seq = @seq,
           head_office_comparison_id = @comparison, detail = NULL, attempts = attempts + 1, last_attempt_at = @at, decided_at = @at
         WHERE day_close_id = @id AND state <> 'confirmed'`,
      )
      .run({ ...counted, state: verdict.outcome === 'match' ? 'confirmed' : 'mismatch', hash, differences });
  })();
}

/** A comparison that never got an answer: the close keeps its state, the supervisor reads why. */
export function recordUnanswered(sqlite: Sqlite, dayCloseId: string, detail: string, at: string): void {
  sqlite
    .prepare(
      `UPDATE day_close_states SET attempts = attempts + 1, last_attempt_at = ?, detail = ?
       WHERE day_close_id = ? AND state <> 'confirmed'`,
    )
    .run(at, detail, dayCloseId);
}
