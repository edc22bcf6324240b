// Print jobs written by the operation they belong to, inside its SQLite transaction (an outbox):
// a sale that commits has its receipt and labels in the queue, a refused one has none, and the
// jobs cost no commit (no fsync) of their own. Printing still happens after the commit: the
// caller announces the jobs once the operation is booked, and the queue's own tick would find
// them a moment later if it never did. A crash between commit and print loses nothing.
import type { Receipt } from '@shared/receipt';
import type { Sqlite } from '../db/open-database';
import type { DeviceManager } from './device-manager';
import type { PrintJob, PrintPayload } from './print-job-store';
import { newPrintJob } from './print-queue';
import type { ParcelLabel } from './protocols/parcel-label';
import type { SqlitePrintJobStore } from './print-jobs.repository';

export class PrintOutbox {
  constructor(
    private readonly sqlite: Sqlite,
    private readonly store: SqlitePrintJobStore,
    private readonly manager: DeviceManager,
  ) {}

  /** Inside the operation's transaction: the receipt goes to the receipt printer, or the first one set up later. */
  receipt(receipt: Receipt, reference: string, reprintOf: string | null = null): PrintJob {
    return this.write(this.manager.receiptPrinterId(), { kind: 'receipt', receipt }, reference, reprintOf);
  }

  /** Inside the operation's transaction. Null when no label printer is set up: the caller prints the label as a receipt. */
  label(label: ParcelLabel, reprintOf: string | null = null): PrintJob | null {
    const printerId = this.manager.labelPrinterId();
    return printerId ? this.write(printerId, { kind: 'label', label }, label.s10, reprintOf) : null;
  }

  /** Inside a void's transaction: what still waits for these references never prints; a job already printing finishes. */
  cancelWaiting(references: string[]): PrintJob[] {
    this.requireTransaction();
    return this.store.cancelWaiting(references);
  }

  /** The first job printed for a reference (not a reprint): what a reprint points back to. */
  original(reference: string): PrintJob | undefined {
    return this.store.byReference(reference).find((job) => job.reprintOf === null);
  }

  /** After the commit: printing starts now rather than at the next tick. */
  announce(jobs: PrintJob[]): void {
    for (const job of jobs) this.manager.queue.announce(job);
  }

  private write(deviceId: string, payload: PrintPayload, reference: string, reprintOf: string | null): PrintJob {
    this.requireTransaction();
    const job = newPrintJob(deviceId, payload, reference, reprintOf);
    this.store.insert(job);
    return job;
  }

  /** Outside a transaction the insert would be a commit of its own: exactly what the outbox is here to avoid. */
  private requireTransaction(): void {
    if (!this.sqlite.inTransaction) throw new Error('print outbox: write the job inside the operation that prints it');
  }
}
