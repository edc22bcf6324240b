import type { Logger } from '../log/logger';
import type { CounterpartyFrame } from './counterparty-frame';

export interface ResolverOptions {
  /** How often the table is looked at for operations due (each has its own backoff in its row). */
  tickMs?: number;
  /** Operations asked per tick, one after the other: a slow counterparty never piles up requests. */
  batch?: number;
  logger?: Pick<Logger, 'error'>;
}

/**
 * The background job that asks the counterparty about every operation whose outcome it has not
 * told yet (prepared, sent, pending, unknown, or voided here on expiry), by the same id, with
 * backoff and jitter per operation, until it knows. It starts by resuming what the table holds
 * (after a restart), never blocks the counter (every step is asynchronous; the SQLite writes are
 * single short transactions) and never opens the drawer: a payout found confirmed waits in the
 * list for the clerk to hand it over.
 */
export class CounterpartyResolver {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private readonly tickMs: number;
  private readonly batch: number;

  constructor(
    private readonly frame: CounterpartyFrame,
    private readonly options: ResolverOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 1_000;
    this.batch = options.batch ?? 20;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over what is due (also what tests call to step the job by hand). */
  async tick(): Promise<number> {
    const due = this.frame.due(this.batch);
    for (const id of due) {
      try {
        await this.frame.resolve(id);
      } catch (error) {
        // One operation's fault (a kind no longer registered) must not stop the others being asked.
        this.options.logger?.error({ err: error, operationId: id }, 'counterparty resolution step failed');
      }
    }
    return due.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .then(() => undefined)
        .finally(() => {
          this.running = null;
          this.schedule(this.tickMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
