import type { Sqlite } from '../db/open-database';
import type { HeldTrackingEvent } from '../headoffice/tracking-api';
import { prepared as statement } from '../db/prepared';

/**
 * Stores events head office sent (recorded by other branches or by head office
 * itself) beside this branch's own, marked `head-office`. An event already held
 * (this branch's own, or received before) is left as it is: ids are made once
 * per intent everywhere. Returns how many were new.
 */
export function storeHeadOfficeEvents(sqlite: Sqlite, events: HeldTrackingEvent[], receivedAt: string): number {
  // A code this branch has never heard of (head office's list grows first) still arrives, named by its code
  // until a later migration names it; `at_counter = 0`: a clerk cannot record it.
  const code = statement(sqlite, `INSERT OR IGNORE INTO tracking_event_codes (code, name_fr, name_en, name_ar, at_counter) VALUES (?, ?, ?, ?, 0)`);
  const insert = statement(
    sqlite,
    `INSERT INTO tracking_events (id, s10, code, at, office, operator, operation_id, source, note, recorded_by)
     VALUES (@id, @s10, @code, @at, @office, NULL, NULL, 'head-office', NULL, @recorded_by) ON CONFLICT (id) DO NOTHING`,
  );
  const received = statement(sqlite, 'UPDATE tracking_replication SET received_at = ? WHERE id = 1');
  return sqlite.transaction(() => {
    let added = 0;
    for (const event of events) {
      code.run(event.code, event.code, event.code, event.code);
      added += insert.run({ id: event.id, s10: event.s10, code: event.code, at: event.at, office: event.office, recorded_by: event.recorded_by }).changes;
    }
    received.run(receivedAt);
    return added;
  })();
}

/** When head office last sent tracking to this branch (null: never). */
export function lastReceivedAt(sqlite: Sqlite): string | null {
  return (statement(sqlite, 'SELECT received_at FROM tracking_replication WHERE id = 1').get() as { received_at: string | null } | undefined)?.received_at ?? null;
}
