import { ContractError, type TrackingEventView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { trackingRepository, type CounterTrackingEvent, type TrackingEventCodeRow } from './tracking.repository';

/** Inserts one event; the id is made once per intent, so recording the same event twice is a no-op. */
export function recordTrackingEvent(sqlite: Sqlite, event: CounterTrackingEvent): boolean {
  return trackingRepository(sqlite).record(event);
}

export function trackingCodes(sqlite: Sqlite): TrackingEventCodeRow[] {
  return trackingRepository(sqlite).codes();
}

export function counterCode(sqlite: Sqlite, code: string): TrackingEventCodeRow {
  const row = trackingRepository(sqlite).code(code);
  if (!row) throw new ContractError('NOT_FOUND', `no tracking event code ${code}`, { rule: 'unknown-event-code', code });
  if (!row.at_counter) throw new ContractError('RULE_BROKEN', `${code} is not recorded at a counter`, { rule: 'not-a-counter-event', code });
  return row;
}

/** The first event after an item's acceptance, if it has moved on (sorted, handed over, returned…). */
export function movedOnEvent(sqlite: Sqlite, s10: string): { s10: string; code: string } | undefined {
  return trackingRepository(sqlite).firstAfterAcceptance(s10);
}

/** Oldest first by the instant (offices write their own UTC offsets, so the text alone would misorder them). */
export function eventsOf(sqlite: Sqlite, s10: string): TrackingEventView[] {
  return trackingRepository(sqlite)
    .eventsOf(s10)
    .map((row) => ({
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
