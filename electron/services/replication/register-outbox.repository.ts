import { RECORD_PUSH_COLUMNS } from '../headoffice/migrations/0011-customer-register';
import { perDatabase, typedColumns, typedStatement } from '../db/typed-statement';

const PUSHED = RECORD_PUSH_COLUMNS.map(([name]) => name);

/**
 * The SQL of the register stream: the outbox its changes append to (customers…) and how far
 * head office acknowledged it. Statements made once per database: a register change appends in
 * its own transaction, the replication job reads a batch per cycle.
 */
export const registerOutboxRepository = perDatabase((sqlite) => {
  // The largest seq plus one, under SQLite's write lock: a rolled-back change takes no number.
  const append = typedStatement(sqlite, (db, p: { kind: string; recordId: string; payload: string; at: string }) =>
    db
      .insertInto('register_outbox')
      .columns(['seq', 'kind', 'record_id', 'payload', 'at'])
      .expression((eb) =>
        eb
          .selectFrom('register_outbox')
          .select((s) => [
            s(s.fn.coalesce(s.fn.max('seq'), s.lit(0)), '+', 1).as('seq'),
            s.val(p.kind).as('kind'),
            s.val(p.recordId).as('record_id'),
            s.val(p.payload).as('payload'),
            s.val(p.at).as('at'),
          ]),
      )
      .returning('seq'),
  );
  const acked = typedStatement(sqlite, (db) => db.selectFrom('register_replication').select('acked_seq').where('id', '=', 1));
  const unsent = typedColumns(sqlite, (db, p: { after: number; limit: number }) =>
    db.selectFrom('register_outbox').select(PUSHED).where('seq', '>', p.after).orderBy('seq').limit(p.limit),
  );
  const unsynced = typedStatement(sqlite, (db) =>
    db
      .selectFrom('register_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('seq', '>', (eb) => eb.selectFrom('register_replication').select('acked_seq').where('id', '=', 1)),
  );
  // Only forward on success; `rewind` (head office restored from an older backup) sets it back on purpose.
  const ack = typedStatement(sqlite, (db, p: { seq: number }) =>
    db
      .updateTable('register_replication')
      .set((eb) => ({ acked_seq: eb.fn<number>('max', [eb.ref('acked_seq'), eb.val(p.seq)]) }))
      .where('id', '=', 1),
  );
  const rewind = typedStatement(sqlite, (db, p: { seq: number }) => db.updateTable('register_replication').set({ acked_seq: p.seq }).where('id', '=', 1));

  return {
    /** The record's seq in the stream. */
    append: (record: { kind: string; recordId: string; payload: string; at: string }): number => append.get(record)!.seq,
    // Migration 0020 wrote the one row; nothing deletes it.
    ackedSeq: (): number => acked.get({})!.acked_seq,
    /** Records after `after`, one array per pushed column (RECORD_PUSH_COLUMNS), in order. */
    unsent: (after: number, limit: number): { columns: unknown[][]; count: number } => {
      const rows = unsent.columns({ after, limit });
      return { columns: PUSHED.map((name) => rows[name]), count: rows.seq.length };
    },
    unsynced: (): number => unsynced.get({})!.n,
    ack: (seq: number): void => void ack.run({ seq }),
    rewind: (seq: number): void => void rewind.run({ seq }),
  };
});
