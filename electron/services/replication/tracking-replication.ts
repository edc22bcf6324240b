import type { Sqlite } from '../db/open-database';
import type { HeadOfficeTrackingApi } from '../headoffice/tracking-api';
import { storeHeadOfficeEvents } from '../tracking/head-office-events';
import { trackingOutboxRepository } from './tracking-outbox.repository';

/** Head office refused a batch of tracking events: the job keeps trying, slowly, and shows why. */
export class TrackingRefusal extends Error {
  constructor(detail: string | null) {
    super(`head office refused a batch of tracking events: ${detail ?? 'no detail'}`);
    this.name = 'TrackingRefusal';
  }
}

const PULL_LIMIT = 500;

/**
 * Tracking events both ways, run by the replication job after the ledger batch
 * of each cycle. Out: the outbox from the acknowledged seq, in batches; head
 * office inserts by event id, so a resent batch (lost reply, crash before the
 * acknowledgement was stored) adds nothing. In: events recorded elsewhere for
 * items that concern this branch, from head office's stream position.
 */
export class TrackingReplication {
  private readonly outbox;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly batchSize = 1000,
  ) {
    this.outbox = trackingOutboxRepository(sqlite);
  }

  /** Events recorded here that head office has not acknowledged. */
  unsynced(): number {
    return this.outbox.unsynced();
  }

  async push(api: HeadOfficeTrackingApi, closed: () => boolean): Promise<void> {
    for (;;) {
      if (closed()) return;
      const { columns, count } = this.outbox.unsent(this.outbox.cursor().acked_seq, this.batchSize);
      if (count === 0) return;
      const answer = await api.push(columns);
      if (answer.status !== 'ok') throw new TrackingRefusal(answer.detail);
      if (closed()) return;
      this.outbox.ack(answer.acked_seq);
    }
  }

  async pull(api: HeadOfficeTrackingApi, now: () => string, closed: () => boolean): Promise<void> {
    for (;;) {
      if (closed()) return;
      const after = this.outbox.cursor().pull_position;
      const answer = await api.pull(after, PULL_LIMIT);
      if (closed()) return;
      this.sqlite.transaction(() => {
        storeHeadOfficeEvents(this.sqlite, answer.events, now());
        this.outbox.pulled(answer.position);
      })();
      // A short page is the last one: head office moved the position to its newest event.
      if (answer.events.length < PULL_LIMIT || answer.position <= after) return;
    }
  }
}
