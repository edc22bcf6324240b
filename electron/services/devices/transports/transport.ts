import { EventEmitter } from 'node:events';

/** Why a link went away: the far end left (unplug, socket closed) or we closed it ourselves. */
export type CloseReason = 'disconnected' | 'closed-by-us';

export interface TransportEvents {
  data: [chunk: Buffer];
  close: [reason: CloseReason];
  error: [error: Error];
}

/**
 * A byte pipe to one device. The same interface over a serial line, a TCP socket or a device
 * file, so protocols and devices never know which one they talk through.
 * `close` fires at most once per `open`, even when the OS reports the loss twice.
 */
export interface Transport extends EventEmitter<TransportEvents> {
  readonly description: string;
  /** False for write-only links (a printer device file): no status can be read back. */
  readonly readsBack: boolean;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

/** Base with the once-only close bookkeeping every transport needs. */
export abstract class TransportBase extends EventEmitter<TransportEvents> {
  protected opened = false;
  get isOpen(): boolean {
    return this.opened;
  }
  protected markOpen(): void {
    this.opened = true;
  }
  protected lost(reason: CloseReason): void {
    if (!this.opened) return;
    this.opened = false;
    this.emit('close', reason);
  }
  protected failed(error: Error): void {
    // An EventEmitter without an 'error' listener throws: a device fault must never crash the counter.
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
