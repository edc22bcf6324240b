import type { Selectable } from 'kysely';
import { all, build, ONE_ROW, perDatabase, typedStatement } from '../db/typed-statement';
import type { TrackingEventCodeTable, TrackingEventTable } from './tracking.tables';

export type TrackingEventCodeRow = Selectable<TrackingEventCodeTable>;
/** An event recorded at this counter (`recorded_by` is only for events received from head office). */
export type CounterTrackingEvent = Omit<Selectable<TrackingEventTable>, 'recorded_by'>;
export type HeadOfficeTrackingEvent = Pick<Selectable<TrackingEventTable>, 'id' | 's10' | 'code' | 'at' | 'office' | 'recorded_by'>;

/**
 * The SQL of tracking: events, their codes, and what head office last sent. Statements made once
 * per database: an event is recorded by every accepted item, every hand-over and every lookup reads.
 */
export const trackingRepository = perDatabase((sqlite) => {
  const insertEvent = typedStatement(sqlite, (db, p: CounterTrackingEvent) =>
    db
      .insertInto('tracking_events')
      .values({ id: p.id, s10: p.s10, code: p.code, at: p.at, office: p.office, operator: p.operator, operation_id: p.operation_id, source: p.source, note: p.note })
      .onConflict((oc) => oc.column('id').doNothing()),
  );
  const codeOf = typedStatement(sqlite, (db, p: { code: string }) => db.selectFrom('tracking_event_codes').selectAll().where('code', '=', p.code));
  const eventsOf = typedStatement(sqlite, (db, p: { s10: string }) =>
    db
      .selectFrom('tracking_events as e')
      .innerJoin('tracking_event_codes as c', 'c.code', 'e.code')
      .selectAll('e')
      .select(['c.name_fr', 'c.name_en', 'c.name_ar'])
      .where('e.s10', '=', p.s10)
      // Offices write their own UTC offsets: the instant orders them, not the text.
      .orderBy((eb) => eb.fn('julianday', ['e.at']))
      .orderBy('e.at')
      .orderBy('e.id'),
  );
  const firstAfterAcceptance = typedStatement(sqlite, (db, p: { s10: string }) =>
    db
      .selectFrom('tracking_events')
      .select(['s10', 'code'])
      .where('s10', '=', p.s10)
      .where('code', '<>', 'EMA')
      .orderBy((eb) => eb.fn('julianday', ['at']))
      .limit(ONE_ROW),
  );
  const acceptedItem = typedStatement(sqlite, (db, p: { s10: string }) =>
    db
      .selectFrom('mail_items as i')
      .innerJoin('mail_weighings as w', 'w.id', 'i.weighing_id')
      .select(['i.service', 'i.destination_country', 'i.accepted_at', 'w.grams'])
      .where('i.s10', '=', p.s10),
  );
  // A code this branch has never heard of (head office's list grows first) still arrives, named by its
  // code until a later migration names it; `at_counter = 0`: a clerk cannot record it.
  const learnCode = typedStatement(sqlite, (db, p: { code: string }) =>
    db.insertInto('tracking_event_codes').orIgnore().values({ code: p.code, name_fr: p.code, name_en: p.code, name_ar: p.code, at_counter: 0 }),
  );
  const insertHeadOfficeEvent = typedStatement(sqlite, (db, p: HeadOfficeTrackingEvent) =>
    db
      .insertInto('tracking_events')
      .values({ id: p.id, s10: p.s10, code: p.code, at: p.at, office: p.office, operator: null, operation_id: null, source: 'head-office', note: null, recorded_by: p.recorded_by })
      .onConflict((oc) => oc.column('id').doNothing()),
  );
  const received = typedStatement(sqlite, (db, p: { at: string }) => db.updateTable('tracking_replication').set({ received_at: p.at }).where('id', '=', 1));
  const lastReceived = typedStatement(sqlite, (db) => db.selectFrom('tracking_replication').select('received_at').where('id', '=', 1));

  return {
    /** False when an event of that id was already recorded (ids are made once per intent). */
    record: (event: CounterTrackingEvent): boolean => insertEvent.run(event).changes === 1,
    codes: (): TrackingEventCodeRow[] => all(sqlite, build.selectFrom('tracking_event_codes').selectAll().orderBy('code')),
    code: (code: string): TrackingEventCodeRow | undefined => codeOf.get({ code }),
    /** An item's events, oldest first, with their code's names. */
    eventsOf: (s10: string) => eventsOf.all({ s10 }),
    /** The first event after an item's acceptance (EMA): the item has moved on. */
    firstAfterAcceptance: (s10: string) => firstAfterAcceptance.get({ s10 }),
    /** The item as accepted at this branch, with its weight. */
    acceptedItem: (s10: string) => acceptedItem.get({ s10 }),
    learnCode: (code: string): void => void learnCode.run({ code }),
    /** False when the event was already held. */
    storeHeadOfficeEvent: (event: HeadOfficeTrackingEvent): boolean => insertHeadOfficeEvent.run(event).changes === 1,
    markReceived: (at: string): void => void received.run({ at }),
    lastReceivedAt: (): string | null => lastReceived.get({})?.received_at ?? null,
  };
});
