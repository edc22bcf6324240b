import type { Sqlite } from '../db/open-database';
import type { HeldTrackingEvent } from '../headoffice/tracking-api';
import { trackingRepository } from './tracking.repository';

/**
 * Stores events head office sent (recorded by other branches or by head office
 * itself) beside this branch's own, marked `head-office`. An event already held
 * (this branch's own, or received before) is left as it is: ids are made once
 * per intent everywhere. Returns how many were new.
 */
export function storeHeadOfficeEvents(sqlite: Sqlite, events: HeldTrackingEvent[], receivedAt: string): number {
  const tracking = trackingRepository(sqlite);
  return sqlite.transaction(() => {
    let added = 0;
    for (const event of events) {
      tracking.learnCode(event.code);
      if (tracking.storeHeadOfficeEvent({ id: event.id, s10: event.s10, code: event.code, at: event.at, office: event.office, recorded_by: event.recorded_by })) added += 1;
    }
    tracking.markReceived(receivedAt);
    return added;
  })();
}

/** When head office last sent tracking to this branch (null: never). */
export function lastReceivedAt(sqlite: Sqlite): string | null {
  return trackingRepository(sqlite).lastReceivedAt();
}
