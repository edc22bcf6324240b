// The print queue kept in the branch database: a receipt waiting for a printer that is off, out
// of paper or not configured yet is still there after the counter restarts. Synchronous
// statements, so an enqueue can share the transaction of the sale that printed it.
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
  constructor(private readonly sqlite: Sqlite) {}

  insert(job: PrintJob): void {
    this.sqlite
      .prepare(
        `INSERT INTO print_jobs (id, device_id, payload, status, attempts, created_at, next_attempt_at, last_error, printed_at, reprint_of, reference)
         VALUES (@id, @deviceId, @payload, @status, @attempts, @createdAt, @nextAttemptAt, @lastError, @printedAt, @reprintOf, @reference)`,
      )
      .run({ ...job, payload: JSON.stringify(job.payload) });
  }

  update(id: string, patch: Partial<Omit<PrintJob, 'id'>>): void {
    const keys = (Object.keys(patch) as (keyof typeof patch)[]).filter((key) => patch[key] !== undefined);
    if (keys.length === 0) return;
    const values: Record<string, unknown> = { id };
    for (const key of keys) values[key] = key === 'payload' ? JSON.stringify(patch.payload) : patch[key];
    const assignments = keys.map((key) => `${COLUMNS[key]} = @${key}`).join(', ');
    const changed = this.sqlite.prepare(`UPDATE print_jobs SET ${assignments} WHERE id = @id`).run(values).changes;
    if (changed === 0) throw new Error(`no print job ${id}`);
  }

  get(id: string): PrintJob | undefined {
    const row = this.sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as PrintJobRow | undefined;
    return row && toJob(row);
  }

  unfinished(): PrintJob[] {
    const rows = this.sqlite.prepare(`${SELECT} WHERE status IN ('waiting', 'printing') ORDER BY created_at, rowid`).all() as PrintJobRow[];
    return rows.map(toJob);
  }

  recent(limit: number): PrintJob[] {
    const rows = this.sqlite.prepare(`${SELECT} ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as PrintJobRow[];
    return rows.map(toJob);
  }
}
