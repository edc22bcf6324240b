import { ContractError, type TrackingEventView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { prepared as statement } from '../db/prepared';

export interface TrackingEventRow {
  id: string;
  s10: string;
  code: string;
  at: string;
  office: string;
  operator: string | null;
  operation_id: string | null;
  source: 'counter' | 'head-office';
  note: string | null;
}

interface CodeRow {
  code: string;
  name_fr: string;
  name_en: string;
  name_ar: string;
  at_counter: number;
}

/** Inserts one event; the id is made once per intent, so recording the same event twice is a no-op. */
export function recordTrackingEvent(sqlite: Sqlite, event: TrackingEventRow): boolean {
  const result = statement(
    sqlite,
    `INSERT INTO tracking_events (id, s10, code, at, office, operator, operation_id, source, note)
     VALUES (@id, @s10, @code, @at, @office, @operator, @operation_id, @source, @note) ON CONFLICT (id) DO NOTHING`,
  ).run(event);
  return result.changes === 1;
}

export function trackingCodes(sqlite: Sqlite): CodeRow[] {
  return sqlite.prepare('SELECT * FROM tracking_event_codes ORDER BY code').all() as CodeRow[];
}

export function counterCode(sqlite: Sqlite, code: string): CodeRow {
  const row = sqlite.prepare('SELECT * FROM tracking_event_codes WHERE code = ?').get(code) as CodeRow | undefined;
  if (!row) throw new ContractError('NOT_FOUND', `no tracking event code ${code}`, { rule: 'unknown-event-code', code });
  if (!row.at_counter) throw new ContractError('RULE_BROKEN', `${code} is not recorded at a counter`, { rule: 'not-a-counter-event', code });
  return row;
}

/** Oldest first by the instant (offices write their own UTC offsets, so the text alone would misorder them). */
export function eventsOf(sqlite: Sqlite, s10: string): TrackingEventView[] {
  const rows = sqlite
    .prepare(
      `SELECT e.*, c.name_fr, c.name_en, c.name_ar FROM tracking_events e JOIN tracking_event_codes c ON c.code = e.code
        WHERE e.s10 = ? ORDER BY julianday(e.at), e.at, e.id`,
    )
    .all(s10) as Array<TrackingEventRow & CodeRow & { recorded_by: string | null }>;
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: { fr: row.name_fr, en: row.name_en, ar: row.name_ar },
    at: row.at,
    office: row.office,
    operator: row.operator,
    source: row.source,
    // An event recorded here was recorded by this branch, whose code is its office.
    recordedBy: row.source === 'counter' ? row.office : row.recorded_by,
    note: row.note,
  }));
}
