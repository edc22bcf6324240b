// Where print jobs wait. The lead backs this with SQLite (jobs survive a restart); the in-memory
// store serves tests and the simulator. Methods may be sync or async: the queue awaits either.
import type { Receipt } from '@shared/receipt';
import type { ParcelLabel } from './protocols/parcel-label';

export type PrintPayload = { kind: 'receipt'; receipt: Receipt } | { kind: 'label'; label: ParcelLabel };

export type PrintJobStatus = 'waiting' | 'printing' | 'printed' | 'cancelled';

export interface PrintJob {
  id: string;
  deviceId: string;
  payload: PrintPayload;
  status: PrintJobStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  lastError: string;
  printedAt: string | null;
  /** The job this one reprints, so a reprint is visible as such. */
  reprintOf: string | null;
  /** What the job belongs to (transfer id, S10 number), to find it for a reprint. */
  reference: string | null;
}

type MaybePromise<T> = T | Promise<T>;

export interface PrintJobStore {
  insert(job: PrintJob): MaybePromise<void>;
  update(id: string, patch: Partial<Omit<PrintJob, 'id'>>): MaybePromise<void>;
  /**
   * Marks a waiting job `printing` in one step; false when it is no longer waiting (cancelled
   * by a void meanwhile): the queue then leaves it alone instead of printing it anyway.
   */
  claim(id: string): MaybePromise<boolean>;
  get(id: string): MaybePromise<PrintJob | undefined>;
  /** Jobs in `waiting` or `printing`, oldest first. */
  unfinished(): MaybePromise<PrintJob[]>;
  recent(limit: number): MaybePromise<PrintJob[]>;
}

export class MemoryPrintJobStore implements PrintJobStore {
  private readonly jobs = new Map<string, PrintJob>();

  insert(job: PrintJob): void {
    if (this.jobs.has(job.id)) throw new Error(`print job ${job.id} already exists`);
    this.jobs.set(job.id, structuredClone(job));
  }

  update(id: string, patch: Partial<Omit<PrintJob, 'id'>>): void {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`no print job ${id}`);
    this.jobs.set(id, { ...job, ...patch });
  }

  claim(id: string): boolean {
    const job = this.jobs.get(id);
    if (job?.status !== 'waiting') return false;
    this.jobs.set(id, { ...job, status: 'printing' });
    return true;
  }

  get(id: string): PrintJob | undefined {
    const job = this.jobs.get(id);
    return job && structuredClone(job);
  }

  unfinished(): PrintJob[] {
    return [...this.jobs.values()]
      .filter((job) => job.status === 'waiting' || job.status === 'printing')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((job) => structuredClone(job));
  }

  recent(limit: number): PrintJob[] {
    return [...this.jobs.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit)
      .map((job) => structuredClone(job));
  }
}
