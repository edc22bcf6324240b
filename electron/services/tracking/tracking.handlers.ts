import type { BranchProfile } from '@shared/contract';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import { localIsoTime } from '../ledger/local-time';
import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { lastReceivedAt } from './head-office-events';
import { requireValidS10 } from './s10-input';
import { counterCode, eventsOf, recordTrackingEvent, trackingCodes } from './tracking-events';
import { trackingRepository } from './tracking.repository';

type TrackingMethod = 'tracking.codes' | 'tracking.lookup' | 'tracking.record';

/** Head office, as a lookup asks it for one item's history (see ReplicationService). */
export interface ItemTrackingSource {
  refreshItemTracking(s10: string): Promise<'received' | 'offline' | 'not-configured'>;
}

export function trackingHandlers(deps: {
  sqlite: Sqlite;
  clock: Clock;
  branch: () => BranchProfile | null;
  headOffice?: ItemTrackingSource | null;
}): Pick<Handlers, TrackingMethod> {
  const { sqlite } = deps;
  return {
    'tracking.codes': () =>
      trackingCodes(sqlite).map((row) => ({ code: row.code, name: { fr: row.name_fr, en: row.name_en, ar: row.name_ar }, atCounter: row.at_counter === 1 })),
    /** Local events plus what head office holds (asked now when the link is up; else as last received). */
    'tracking.lookup': async ({ s10: typed }) => {
      const s10 = requireValidS10(typed);
      const state = (await deps.headOffice?.refreshItemTracking(s10)) ?? 'not-configured';
      const item = trackingRepository(sqlite).acceptedItem(s10);
      return {
        s10,
        item: item ? { service: item.service, destinationCountry: item.destination_country, acceptedAt: item.accepted_at, grams: item.grams } : null,
        events: eventsOf(sqlite, s10),
        headOffice: { state, lastReceivedAt: lastReceivedAt(sqlite) },
      };
    },
    /** The event id comes from the window, made once per intent: a repeated Enter records one event. */
    'tracking.record': ({ eventId, s10: typed, code, note }, context) => {
      const s10 = requireValidS10(typed);
      counterCode(sqlite, code);
      recordTrackingEvent(sqlite, {
        id: eventId,
        s10,
        code,
        at: localIsoTime(deps.clock.now()),
        office: deps.branch()?.code ?? 'UNSET',
        operator: signedIn(context).session.user.username,
        operation_id: null,
        source: 'counter',
        note: note ?? null,
      });
      return eventsOf(sqlite, s10).find((event) => event.id === eventId)!;
    },
  };
}
