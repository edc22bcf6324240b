// The one reconnect state machine every device uses. A device that went away (unplugged cable,
// printer switched off) is retried with exponential backoff and jitter, forever, until released:
// the clerk never has to press "reconnect".
import { EventEmitter } from 'node:events';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: share of each delay drawn at random, so many devices do not retry in lockstep. */
  jitter: number;
}

/** Local devices: a replugged scale is back within about 2 s. */
export const LOCAL_DEVICE_BACKOFF: Backoff = { initialMs: 100, maxMs: 1500, factor: 2, jitter: 0.2 };

export const backoffDelay = (backoff: Backoff, attempt: number, random: () => number = Math.random): number => {
  const base = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(0, attempt));
  return Math.round(base * (1 - backoff.jitter + backoff.jitter * random()));
};

export type LinkState = 'stopped' | 'connecting' | 'online' | 'waiting';

export interface ReconnectEvents {
  online: [];
  offline: [reason: string];
}

export class Reconnector extends EventEmitter<ReconnectEvents> {
  private linkState: LinkState = 'stopped';
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private lastError = '';

  constructor(
    private readonly connect: () => Promise<void>,
    private readonly backoff: Backoff = LOCAL_DEVICE_BACKOFF,
  ) {
    super();
  }

  get state(): LinkState {
    return this.linkState;
  }

  get lastFailure(): string {
    return this.lastError;
  }

  /** Starts connecting; resolves after the first attempt, whatever its outcome. */
  async start(): Promise<void> {
    if (this.linkState !== 'stopped') return;
    this.attempt = 0;
    await this.tryConnect();
  }

  /** The link was lost (close event, EIO): go offline and retry with backoff. */
  lost(reason: string): void {
    if (this.linkState !== 'online') return;
    this.lastError = reason;
    this.attempt = 0;
    this.emit('offline', reason);
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.linkState = 'stopped';
  }

  private async tryConnect(): Promise<void> {
    this.linkState = 'connecting';
    try {
      await this.connect();
      // A release during the attempt wins: the caller closes what connect opened.
      if (this.linkState !== 'connecting') return;
      this.linkState = 'online';
      this.attempt = 0;
      this.emit('online');
    } catch (error) {
      if (this.linkState !== 'connecting') return;
      const reason = error instanceof Error ? error.message : String(error);
      if (this.attempt === 0) this.emit('offline', reason);
      this.lastError = reason;
      this.schedule();
    }
  }

  private schedule(): void {
    this.linkState = 'waiting';
    const delay = backoffDelay(this.backoff, this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.linkState === 'waiting') void this.tryConnect();
    }, delay);
  }
}
