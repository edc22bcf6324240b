// The print queue kept in the branch database: a receipt waiting for a printer that is off, out
// of paper or not configured yet is still there after the counter restarts. Synchronous
// statements, so an insert can share the transaction of the sale that printed it (print-outbox.ts).
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db/open-database';
import type { PrintJob, PrintJobStore, PrintPayload } from './print-job-store';

interface PrintJobRow {
  id: string;
  device_id: string;
  payload: string;
  status: PrintJob['status'];
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  last_error: string;
  printed_at: string | null;
  reprint_of: string | null;
  reference: string | null;
}

const COLUMNS: Record<Exclude<keyof PrintJob, 'id'>, keyof PrintJobRow> = {
  deviceId: 'device_id',
  payload: 'payload',
  status: 'status',
  attempts: 'attempts',
  createdAt: 'created_at',
  nextAttemptAt: 'next_attempt_at',
  lastError: 'last_error',
  printedAt: 'printed_at',
  reprintOf: 'reprint_of',
  reference: 'reference',
};

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

const SELECT = 'SELECT id, device_id, payload, status, attempts, created_at, next_attempt_at, last_error, printed_at, reprint_of, reference FROM print_jobs';

export class SqlitePrintJobStore implements PrintJobStore {
  /** Statements prepared once: a basket writes several jobs inside its sale's transaction. */
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly sqlite: Sqlite) {}

  insert(job: PrintJob): void {
    this.statement(
      `INSERT INTO print_jobs (id, device_id, payload, status, attempts, created_at, next_attempt_at, last_error, printed_at, reprint_of, reference)
       VALUES (@id, @deviceId, @payload, @status, @attempts, @createdAt, @nextAttemptAt, @lastError, @printedAt, @reprintOf, @reference)`,
    ).run({ ...job, payload: JSON.stringify(job.payload) });
  }

  update(id: string, patch: Partial<Omit<PrintJob, 'id'>>): void {
    const keys = (Object.keys(patch) as (keyof typeof patch)[]).filter((key) => patch[key] !== undefined);
    if (keys.length === 0) return;
    const values: Record<string, unknown> = { id };
    for (const key of keys) values[key] = key === 'payload' ? JSON.stringify(patch.payload) : patch[key];
    const assignments = keys.map((key) => `${COLUMNS[key]} = @${key}`).join(', ');
    const changed = this.statement(`UPDATE print_jobs SET ${assignments} WHERE id = @id`).run(values).changes;
    if (changed === 0) throw new Error(`no print job ${id}`);
  }

  claim(id: string): boolean {
    return this.statement("UPDATE print_jobs SET status = 'printing' WHERE id = ? AND status = 'waiting'").run(id).changes === 1;
  }

  /** Cancels the jobs still waiting for these references (a voided sale's receipt and labels); returns them. */
  cancelWaiting(references: string[]): PrintJob[] {
    const select = this.statement(`${SELECT} WHERE reference = ? AND status = 'waiting' ORDER BY created_at, rowid`);
    const cancel = this.statement("UPDATE print_jobs SET status = 'cancelled' WHERE id = ? AND status = 'waiting'");
    const cancelled: PrintJob[] = [];
    for (const reference of new Set(references)) {
      for (const row of select.all(reference) as PrintJobRow[]) {
        if (cancel.run(row.id).changes === 1) cancelled.push({ ...toJob(row), status: 'cancelled' });
      }
    }
    return cancelled;
  }

  get(id: string): PrintJob | undefined {
    const row = this.statement(`${SELECT} WHERE id = ?`).get(id) as PrintJobRow | undefined;
    return row && toJob(row);
  }

  /** Every job of a reference, oldest first (the label of an S10, the receipt of an operation). */
  byReference(reference: string): PrintJob[] {
    const rows = this.statement(`${SELECT} WHERE reference = ? ORDER BY created_at, rowid`).all(reference) as PrintJobRow[];
    return rows.map(toJob);
  }

  unfinished(): PrintJob[] {
    const rows = this.statement(`${SELECT} WHERE status IN ('waiting', 'printing') ORDER BY created_at, rowid`).all() as PrintJobRow[];
    return rows.map(toJob);
  }

  recent(limit: number): PrintJob[] {
    const rows = this.statement(`${SELECT} ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as PrintJobRow[];
    return rows.map(toJob);
  }

  private statement(sql: string): Statement<unknown[]> {
    let found = this.statements.get(sql);
    if (!found) this.statements.set(sql, (found = this.sqlite.prepare<unknown[]>(sql)));
    return found;
  }
}
