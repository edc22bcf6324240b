import type { Generated } from 'kysely';

/** Row shapes of tracking (migrations 0007, 0009). Events are evidence: triggers refuse to change them. */

/** UPU event codes and this application's local ones (`LOC-`), named in the three languages. */
export interface TrackingEventCodeTable {
  code: string;
  name_fr: string;
  name_en: string;
  name_ar: string;
  /** 1: a clerk may record it at the counter; 0: only head office or a void does. */
  at_counter: number;
}

export interface TrackingEventTable {
  /** Made once per intent (`<operation>/EMA/<s10>`): recording the same event twice is a no-op. */
  id: string;
  s10: string;
  code: string;
  at: string;
  office: string;
  operator: string | null;
  operation_id: string | null;
  source: 'counter' | 'head-office';
  note: string | null;
  /** For an event received from head office: the branch that recorded it (null: head office did). */
  recorded_by: string | null;
}

/** Events recorded here, numbered for head office by a trigger in the event's own transaction. */
export interface TrackingOutboxTable {
  seq: Generated<number>;
  event_id: string;
}

/** One row: how far head office acknowledged the outbox, where the next pull starts, when it last sent. */
export interface TrackingReplicationTable {
  id: number;
  acked_seq: number;
  pull_position: number;
  received_at: string | null;
}

export interface TrackingTables {
  tracking_event_codes: TrackingEventCodeTable;
  tracking_events: TrackingEventTable;
  tracking_outbox: TrackingOutboxTable;
  tracking_replication: TrackingReplicationTable;
}
