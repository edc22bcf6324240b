import { perDatabase, typedColumns, typedStatement } from '../db/typed-statement';
import { TRACKING_PUSH_COLUMNS } from '../headoffice/migrations/0003-tracking-events';

const PUSHED = TRACKING_PUSH_COLUMNS.map(([name]) => name);

/**
 * The SQL of tracking's stream to head office: the outbox of events recorded here (numbered by a
 * trigger, migration 0009) and the cursor of what head office acknowledged and where the next
 * pull starts. Statements made once per database, run for every batch.
 */
export const trackingOutboxRepository = perDatabase((sqlite) => {
  const cursor = typedStatement(sqlite, (db) => db.selectFrom('tracking_replication').select(['acked_seq', 'pull_position']).where('id', '=', 1));
  // The event's own columns, plus the outbox seq, named as head office's push takes them.
  const unsent = typedColumns(sqlite, (db, p: { after: number; limit: number }) =>
    db
      .selectFrom('tracking_outbox as o')
      .innerJoin('tracking_events as e', 'e.id', 'o.event_id')
      .select(['o.seq', 'e.id', 'e.s10', 'e.code', 'e.at', 'e.office', 'e.operator', 'e.operation_id', 'e.note'])
      .where('o.seq', '>', p.after)
      .orderBy('o.seq')
      .limit(p.limit),
  );
  const unsynced = typedStatement(sqlite, (db) =>
    db
      .selectFrom('tracking_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '>', (eb) => eb.selectFrom('tracking_replication').select('acked_seq').where('id', '=', 1)),
  );
  // Only forward: a late answer never undoes a newer one.
  const ack = typedStatement(sqlite, (db, p: { seq: number }) =>
    db
      .updateTable('tracking_replication')
      .set((eb) => ({ acked_seq: eb.fn<number>('max', [eb.ref('acked_seq'), eb.val(p.seq)]) }))
      .where('id', '=', 1),
  );
  const pulled = typedStatement(sqlite, (db, p: { position: number }) =>
    db
      .updateTable('tracking_replication')
      .set((eb) => ({ pull_position: eb.fn<number>('max', [eb.ref('pull_position'), eb.val(p.position)]) }))
      .where('id', '=', 1),
  );

  return {
    // Migration 0009 wrote the one row; nothing deletes it.
    cursor: () => cursor.get({})!,
    /** Events after `after`, one array per pushed column (TRACKING_PUSH_COLUMNS), in outbox order. */
    unsent: (after: number, limit: number): { columns: unknown[][]; count: number } => {
      const rows = unsent.columns({ after, limit });
      return { columns: PUSHED.map((name) => rows[name]), count: rows.seq.length };
    },
    unsynced: (): number => unsynced.get({})!.n,
    ack: (seq: number): void => void ack.run({ seq }),
    pulled: (position: number): void => void pulled.run({ position }),
  };
});
