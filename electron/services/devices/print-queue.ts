// Printing never blocks a transaction: the sale commits, the receipt becomes a job, and the job
// prints when the printer can. Jobs for one printer print in order; a failed one waits with
// backoff and blocks only the jobs behind it on the same printer. Any job can be reprinted.
import { randomUUID } from 'node:crypto';
import { asCopy, hasOneTimeText, withoutOneTimeText } from '@shared/receipt';
import { EventEmitter } from 'node:events';
import { backoffDelay, type Backoff } from './reconnect';
import type { PrintJob, PrintJobStore, PrintPayload } from './print-job-store';

export const PRINTER_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.2 };

export type PrintFn = (job: PrintJob) => Promise<void>;

export interface PrintQueueEvents {
  job: [job: PrintJob];
}

export class PrintQueue extends EventEmitter<PrintQueueEvents> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: PrintJobStore,
    private readonly print: PrintFn,
    private readonly backoff: Backoff = PRINTER_BACKOFF,
    private readonly tickMs = 250,
  ) {
    super();
  }

  /** Resumes after a restart: a job caught mid-print is printed again (a duplicate beats a lost receipt). */
  async start(): Promise<void> {
    for (const job of await this.store.unfinished()) if (job.status === 'printing') await this.store.update(job.id, { status: 'waiting' });
    this.timer = setInterval(() => this.kick(), this.tickMs);
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Stores the job and returns at once; printing happens in the background. */
  async enqueue(deviceId: string, payload: PrintPayload, reference: string | null = null, reprintOf: string | null = null): Promise<PrintJob> {
    const job = newPrintJob(deviceId, payload, reference, reprintOf);
    await this.store.insert(job);
    this.announce(job);
    return job;
  }

  /**
   * A job someone else stored (inside a sale's transaction, print-outbox.ts) has committed: tell
   * listeners and try it now. Missing this call delays a job by one tick, never loses it.
   */
  announce(job: PrintJob): void {
    this.emit('job', job);
    this.kick();
  }

  /** Another copy of a job; a receipt copy says so (DUPLICATA / COPY / نسخة) — a second paper is never a second payment. */
  async reprint(jobId: string): Promise<PrintJob> {
    const original = await this.store.get(jobId);
    if (!original) throw new Error(`no print job ${jobId} to reprint`);
    const payload: PrintPayload = original.payload.kind === 'receipt' ? { kind: 'receipt', receipt: asCopy(original.payload.receipt) } : original.payload;
    return this.enqueue(original.deviceId, payload, original.reference, original.id);
  }

  async cancel(jobId: string): Promise<void> {
    const job = await this.store.get(jobId);
    if (job?.status === 'waiting') await this.store.update(jobId, { status: 'cancelled' });
  }

  /** Try now (a printer came back online, a job was added); retried jobs for `deviceId` skip their wait. */
  kick(deviceId?: string): void {
    // A storage failure (a full disk, a read-only one) while claiming or recording a job leaves the
    // jobs as they were: the next tick tries again. It must not escape as an unhandled rejection.
    if (deviceId) void this.hurry(deviceId).catch(() => undefined);
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().catch(() => undefined).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when nothing is due (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async hurry(deviceId: string): Promise<void> {
    const now = new Date().toISOString();
    for (const job of await this.store.unfinished())
      if (job.deviceId === deviceId && job.status === 'waiting' && job.nextAttemptAt > now) await this.store.update(job.id, { nextAttemptAt: now });
  }

  private async drain(): Promise<void> {
    const jobs = await this.store.unfinished();
    const blocked = new Set<string>();
    for (const job of jobs) {
      if (blocked.has(job.deviceId)) continue;
      // Order per printer: a job not yet due holds back the later ones.
      blocked.add(job.deviceId);
      if (job.status !== 'waiting' || job.nextAttemptAt > new Date().toISOString()) continue;
      const claimed = await this.attempt(job);
      const after = await this.store.get(job.id);
      // A job cancelled since the list was read (its sale voided) holds nothing back.
      if (!claimed || after?.status === 'printed') blocked.delete(job.deviceId);
    }
  }

  private async attempt(job: PrintJob): Promise<boolean> {
    if (!(await this.store.claim(job.id))) return false;
    try {
      await this.print(job);
      // One-time text (a money order's secret) is on paper now: the stored job no longer holds it.
      const kept: Partial<PrintJob> = job.payload.kind === 'receipt' && hasOneTimeText(job.payload.receipt) ? { payload: { kind: 'receipt', receipt: withoutOneTimeText(job.payload.receipt) } } : {};
      await this.store.update(job.id, { status: 'printed', printedAt: new Date().toISOString(), attempts: job.attempts + 1, lastError: '', ...kept });
    } catch (error) {
      const attempts = job.attempts + 1;
      await this.store.update(job.id, {
        status: 'waiting',
        attempts,
        lastError: error instanceof Error ? error.message : String(error),
        nextAttemptAt: new Date(Date.now() + backoffDelay(this.backoff, attempts - 1)).toISOString(),
      });
    }
    const updated = await this.store.get(job.id);
    if (updated) this.emit('job', updated);
    return true;
  }
}

/** A fresh job, due now. */
export function newPrintJob(deviceId: string, payload: PrintPayload, reference: string | null = null, reprintOf: string | null = null): PrintJob {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    deviceId,
    payload,
    status: 'waiting',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: now,
    lastError: '',
    printedAt: null,
    reprintOf,
    reference,
  };
}
