// The print queue kept in the branch database: a receipt waiting for a printer that is off, out
// of paper or not configured yet is still there after the counter restarts. Synchronous
// statements, so an insert can share the transaction of the sale that printed it (print-outbox.ts).
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { build, run, typedStatement } from '../db/typed-statement';
import type { PrintJobTable } from './devices.tables';
import type { PrintJob, PrintJobStore, PrintPayload } from './print-job-store';

type PrintJobRow = Selectable<PrintJobTable>;

/** Jobs made in the same millisecond keep the order they were written in: SQLite's hidden rowid, outside the table's described columns. */
const ROWID = sql`rowid`;

const toJob = (row: PrintJobRow): PrintJob => ({
  id: row.id,
  deviceId: row.device_id,
  payload: JSON.parse(row.payload) as PrintPayload,
  status: row.status,
  attempts: row.attempts,
  createdAt: row.created_at,
  nextAttemptAt: row.next_attempt_at,
  lastError: row.last_error,
  printedAt: row.printed_at,
  reprintOf: row.reprint_of,
  reference: row.reference,
});

const toRow = (job: PrintJob): PrintJobRow => ({
  id: job.id,
  device_id: job.deviceId,
  payload: JSON.stringify(job.payload),
  status: job.status,
  attempts: job.attempts,
  created_at: job.createdAt,
  next_attempt_at: job.nextAttemptAt,
  last_error: job.lastError,
  printed_at: job.printedAt,
  reprint_of: job.reprintOf,
  reference: job.reference,
});

/** The columns a patch changes: Kysely leaves out a column whose value is undefined. */
const changes = (patch: Partial<Omit<PrintJob, 'id'>>): Updateable<PrintJobTable> => ({
  device_id: patch.deviceId,
  payload: patch.payload === undefined ? undefined : JSON.stringify(patch.payload),
  status: patch.status,
  attempts: patch.attempts,
  created_at: patch.createdAt,
  next_attempt_at: patch.nextAttemptAt,
  last_error: patch.lastError,
  printed_at: patch.printedAt,
  reprint_of: patch.reprintOf,
  reference: patch.reference,
});

export class SqlitePrintJobStore implements PrintJobStore {
  /** Made once: a basket writes several jobs inside its sale's transaction, the queue reads every tick. */
  private readonly statements;

  constructor(private readonly sqlite: Sqlite) {
    this.statements = {
      insert: typedStatement(sqlite, (db, p: PrintJobRow) =>
        db.insertInto('print_jobs').values({
          id: p.id,
          device_id: p.device_id,
          payload: p.payload,
          status: p.status,
          attempts: p.attempts,
          created_at: p.created_at,
          next_attempt_at: p.next_attempt_at,
          last_error: p.last_error,
          printed_at: p.printed_at,
          reprint_of: p.reprint_of,
          reference: p.reference,
        }),
      ),
      claim: typedStatement(sqlite, (db, p: { id: string }) => db.updateTable('print_jobs').set({ status: 'printing' }).where('id', '=', p.id).where('status', '=', 'waiting')),
      cancel: typedStatement(sqlite, (db, p: { id: string }) => db.updateTable('print_jobs').set({ status: 'cancelled' }).where('id', '=', p.id).where('status', '=', 'waiting')),
      waiting: typedStatement(sqlite, (db, p: { reference: string }) =>
        db.selectFrom('print_jobs').selectAll().where('reference', '=', p.reference).where('status', '=', 'waiting').orderBy('created_at').orderBy(ROWID),
      ),
      byId: typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('print_jobs').selectAll().where('id', '=', p.id)),
      byReference: typedStatement(sqlite, (db, p: { reference: string }) =>
        db.selectFrom('print_jobs').selectAll().where('reference', '=', p.reference).orderBy('created_at').orderBy(ROWID),
      ),
      unfinished: typedStatement(sqlite, (db) =>
        db.selectFrom('print_jobs').selectAll().where('status', 'in', ['waiting', 'printing']).orderBy('created_at').orderBy(ROWID),
      ),
      recent: typedStatement(sqlite, (db, p: { limit: number }) => db.selectFrom('print_jobs').selectAll().orderBy('created_at', 'desc').orderBy(ROWID, 'desc').limit(p.limit)),
    };
  }

  insert(job: PrintJob): void {
    this.statements.insert.run(toRow(job));
  }

  update(id: string, patch: Partial<Omit<PrintJob, 'id'>>): void {
    const set = changes(patch);
    if (Object.values(set).every((value) => value === undefined)) return;
    // Built per call (the columns vary with the patch), prepared once per set of columns.
    if (run(this.sqlite, build.updateTable('print_jobs').set(set).where('id', '=', id)) === 0) throw new Error(`no print job ${id}`);
  }

  claim(id: string): boolean {
    return this.statements.claim.run({ id }).changes === 1;
  }

  /** Cancels the jobs still waiting for these references (a voided sale's receipt and labels); returns them. */
  cancelWaiting(references: string[]): PrintJob[] {
    const cancelled: PrintJob[] = [];
    for (const reference of new Set(references)) {
      for (const row of this.statements.waiting.all({ reference })) {
        if (this.statements.cancel.run({ id: row.id }).changes === 1) cancelled.push({ ...toJob(row), status: 'cancelled' });
      }
    }
    return cancelled;
  }

  get(id: string): PrintJob | undefined {
    const row = this.statements.byId.get({ id });
    return row && toJob(row);
  }

  /** Every job of a reference, oldest first (the label of an S10, the receipt of an operation). */
  byReference(reference: string): PrintJob[] {
    return this.statements.byReference.all({ reference }).map(toJob);
  }

  unfinished(): PrintJob[] {
    return this.statements.unfinished.all({}).map(toJob);
  }

  recent(limit: number): PrintJob[] {
    return this.statements.recent.all({ limit }).map(toJob);
  }
}
