import type { Sqlite } from '../db/open-database';
import { TRACKING_PUSH_COLUMNS } from '../headoffice/migrations/0003-tracking-events';
import type { HeadOfficeTrackingApi } from '../headoffice/tracking-api';
import { storeHeadOfficeEvents } from '../tracking/head-office-events';

/** Head office refused a batch of tracking events: the job keeps trying, slowly, and shows why. */
export class TrackingRefusal extends Error {
  constructor(detail: string | null) {
    super(`head office refused a batch of tracking events: ${detail ?? 'no detail'}`);
    this.name = 'TrackingRefusal';
  }
}

const PULL_LIMIT = 500;

/** Outbox columns named as head office's push takes them (the event's own columns, plus the outbox seq). */
const OUTBOX_SELECT = TRACKING_PUSH_COLUMNS.map(([name]) => (name === 'seq' ? 'o.seq' : `e.${name}`)).join(', ');

/**
 * Tracking events both ways, run by the replication job after the ledger batch
 * of each cycle. Out: the outbox from the acknowledged seq, in batches; head
 * office inserts by event id, so a resent batch (lost reply, crash before the
 * acknowledgement was stored) adds nothing. In: events recorded elsewhere for
 * items that concern this branch, from head office's stream position.
 */
export class TrackingReplication {
  private readonly statements;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly batchSize = 1000,
  ) {
    this.statements = {
      cursor: sqlite.prepare<[], { acked_seq: number; pull_position: number }>('SELECT acked_seq, pull_position FROM tracking_replication WHERE id = 1'),
      unsent: sqlite
        .prepare<[number, number], unknown[]>(
          `SELECT ${OUTBOX_SELECT} FROM tracking_outbox o JOIN tracking_events e ON e.id = o.event_id WHERE o.seq > ? ORDER BY o.seq LIMIT ?`,
        )
        .raw(true),
      unsynced: sqlite.prepare<[], { n: number }>(
        'SELECT count(*) AS n FROM tracking_outbox WHERE seq > (SELECT acked_seq FROM tracking_replication WHERE id = 1)',
      ),
      // Only forward: a late answer never undoes a newer one.
      ack: sqlite.prepare('UPDATE tracking_replication SET acked_seq = max(acked_seq, ?) WHERE id = 1'),
      pulled: sqlite.prepare('UPDATE tracking_replication SET pull_position = max(pull_position, ?) WHERE id = 1'),
    };
  }

  /** Events recorded here that head office has not acknowledged. */
  unsynced(): number {
    return this.statements.unsynced.get()!.n;
  }

  async push(api: HeadOfficeTrackingApi, closed: () => boolean): Promise<void> {
    for (;;) {
      if (closed()) return;
      const rows = this.statements.unsent.all(this.statements.cursor.get()!.acked_seq, this.batchSize);
      if (rows.length === 0) return;
      const columns = TRACKING_PUSH_COLUMNS.map((_, c) => rows.map((row) => row[c]));
      const answer = await api.push(columns);
      if (answer.status !== 'ok') throw new TrackingRefusal(answer.detail);
      if (closed()) return;
      this.statements.ack.run(answer.acked_seq);
    }
  }

  async pull(api: HeadOfficeTrackingApi, now: () => string, closed: () => boolean): Promise<void> {
    for (;;) {
      if (closed()) return;
      const after = this.statements.cursor.get()!.pull_position;
      const answer = await api.pull(after, PULL_LIMIT);
      if (closed()) return;
      this.sqlite.transaction(() => {
        storeHeadOfficeEvents(this.sqlite, answer.events, now());
        this.statements.pulled.run(answer.position);
      })();
      // A short page is the last one: head office moved the position to its newest event.
      if (answer.events.length < PULL_LIMIT || answer.position <= after) return;
    }
  }
}
