/**
 * How many transfers the next push carries: as many as the link delivered in a
 * fraction of head office's statement timeout, judged from the pushes before.
 *
 * A fixed batch is wrong at both ends: on a 2G link (100 kbit/s, 600 ms round
 * trip) 2,000 transfers took longer to arrive than the 60 s statement timeout,
 * the same batch failed forever and the branch never caught up; on a LAN a small
 * batch wastes round trips. So the size follows the link: after each answered
 * push, the rows it carried per millisecond times the budget (a quarter of the
 * timeout: room for a slower moment and for head office's own work); at most
 * double the size before (one good push proves little); a short batch (the
 * branch had no more to send) may raise the estimate but never lower it, since
 * its time was mostly the round trip. After a timeout, a quarter of the size.
 */
export interface BatchSizerOptions {
  /** Never more than this per push (the job's configured batch). */
  maxRows: number;
  /** The statement timeout head office applies to the branch's session. */
  statementTimeoutMs: number;
  /** Where a new link starts before anything is measured. */
  initialRows?: number;
  minRows?: number;
  /** The part of the timeout a push may use. */
  budgetFraction?: number;
}

export class BatchSizer {
  private rows: number;
  private readonly minRows: number;
  private readonly budgetMs: number;

  constructor(private readonly options: BatchSizerOptions) {
    this.minRows = Math.max(1, Math.min(options.minRows ?? 10, options.maxRows));
    this.budgetMs = options.statementTimeoutMs * (options.budgetFraction ?? 0.25);
    this.rows = this.clamp(options.initialRows ?? 1000);
  }

  /** Rows for the next push. */
  get size(): number {
    return this.rows;
  }

  /**
   * A push of `rows` was answered `elapsedMs` after it was sent. `full`: the branch had more to
   * send, so the batch was as big as asked (give or take the operation it ends on).
   */
  succeeded(rows: number, elapsedMs: number, full = rows >= this.rows): void {
    if (rows <= 0) return;
    const fits = Math.floor((rows / Math.max(1, elapsedMs)) * this.budgetMs);
    const next = Math.min(fits, 2 * Math.max(this.rows, rows));
    if (full || next > this.rows) this.rows = this.clamp(next);
  }

  /** A push did not finish within the timeout (or the link dropped it midway). */
  timedOut(): void {
    this.rows = this.clamp(Math.floor(this.rows / 4));
  }

  private clamp(rows: number): number {
    return Math.max(this.minRows, Math.min(this.options.maxRows, rows));
  }
}
