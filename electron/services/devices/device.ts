// The UnifiedPOS device model every counter device follows: open → claim → enable, and back
// through disable → release → close. Claiming takes the link (and keeps retaking it after an
// unplug); enabling lets data events flow. State says what the device is doing, power whether
// it can be reached.
import { EventEmitter } from 'node:events';
import { ByteLog, type ByteLogEntry } from './byte-log';
import type { PassbookProgress } from './passbook-progress';
import type { ScannedCode } from './protocols/scanner-serial';
import type { ScaleReading } from './protocols/scale-reading';
import { LOCAL_DEVICE_BACKOFF, Reconnector, type Backoff } from './reconnect';
import type { Transport } from './transports/transport';

export type DeviceState = 'closed' | 'idle' | 'busy' | 'error';
export type DevicePower = 'online' | 'offline' | 'unknown';

export interface DeviceStatus {
  id: string;
  kind: string;
  name: string;
  link: string;
  state: DeviceState;
  power: DevicePower;
  claimed: boolean;
  enabled: boolean;
  /** Last problem in words a clerk or technician can act on; empty when all is well. */
  detail: string;
  since: string;
}

export interface DeviceEvents {
  status: [status: DeviceStatus];
  weight: [reading: ScaleReading];
  scan: [scan: ScannedCode];
  passbook: [progress: PassbookProgress];
  bytes: [entry: ByteLogEntry];
  error: [error: Error];
}

export class DeviceOfflineError extends Error {
  constructor(name: string, detail: string) {
    super(`${name} is offline${detail ? `: ${detail}` : ''}`);
    this.name = 'DeviceOfflineError';
  }
}

export interface DeviceIdentity {
  id: string;
  kind: string;
  name: string;
}

export abstract class CounterDevice extends EventEmitter<DeviceEvents> {
  readonly bytes = new ByteLog();
  private current: DeviceStatus;
  private reconnector: Reconnector | null = null;
  private activeOps = 0;

  protected constructor(
    readonly identity: DeviceIdentity,
    protected readonly transport: Transport,
    private readonly backoff: Backoff = LOCAL_DEVICE_BACKOFF,
  ) {
    super();
    this.current = {
      ...identity,
      link: transport.description,
      state: 'closed',
      power: 'unknown',
      claimed: false,
      enabled: false,
      detail: '',
      since: new Date().toISOString(),
    };
    transport.on('data', (chunk) => {
      this.emit('bytes', this.bytes.record('in', chunk));
      if (this.current.enabled) this.received(chunk);
    });
    transport.on('close', (reason) => {
      if (reason === 'disconnected') this.reconnector?.lost('disconnected');
    });
    // Transport errors are followed by a close when they matter (that sets power and detail);
    // here they only go to the log, so "EIO" never replaces the words the clerk should see.
    transport.on('error', (error) => {
      if (this.listenerCount('error') > 0) this.emit('error', error);
    });
  }

  get status(): DeviceStatus {
    return { ...this.current };
  }

  get online(): boolean {
    return this.current.power === 'online';
  }

  async open(): Promise<void> {
    if (this.current.state !== 'closed') return;
    this.setStatus({ state: 'idle' });
  }

  /** Takes the link; if the device is absent the claim still holds and the link keeps being retried. */
  async claim(): Promise<void> {
    if (this.current.state === 'closed') throw new Error(`open ${this.identity.name} before claiming it`);
    if (this.reconnector) return;
    const reconnector = new Reconnector(async () => {
      await this.transport.open();
      this.linkUp();
    }, this.backoff);
    this.reconnector = reconnector;
    reconnector.on('online', () => this.setStatus({ power: 'online', detail: '' }));
    reconnector.on('offline', (reason) => {
      this.linkDown();
      this.setStatus({ power: 'offline', detail: reason === 'disconnected' ? 'unplugged or switched off' : reason });
    });
    this.setStatus({ claimed: true });
    await reconnector.start();
  }

  async enable(): Promise<void> {
    if (!this.current.claimed) throw new Error(`claim ${this.identity.name} before enabling it`);
    this.setStatus({ enabled: true });
    this.enabled();
  }

  async disable(): Promise<void> {
    if (!this.current.enabled) return;
    this.setStatus({ enabled: false });
    this.disabled();
  }

  async release(): Promise<void> {
    await this.disable();
    const reconnector = this.reconnector;
    this.reconnector = null;
    reconnector?.stop();
    reconnector?.removeAllListeners();
    await this.transport.close();
    this.linkDown();
    if (this.current.state !== 'closed') this.setStatus({ claimed: false, power: 'unknown' });
  }

  async close(): Promise<void> {
    await this.release();
    this.setStatus({ state: 'closed' });
  }

  /** Sends bytes now; refuses at once when offline so callers (the print queue) can wait instead. */
  protected async send(bytes: Uint8Array): Promise<void> {
    if (!this.transport.isOpen) throw new DeviceOfflineError(this.identity.name, this.current.detail);
    this.emit('bytes', this.bytes.record('out', bytes));
    await this.transport.write(bytes);
  }

  /** Marks the device busy for the duration of one operation; a failure leaves it in error. */
  protected async busy<T>(operation: () => Promise<T>): Promise<T> {
    this.activeOps += 1;
    this.setStatus({ state: 'busy' });
    try {
      const result = await operation();
      this.activeOps -= 1;
      this.setStatus({ state: this.activeOps > 0 ? 'busy' : 'idle', detail: '' });
      return result;
    } catch (error) {
      this.activeOps -= 1;
      this.setStatus({ state: 'error', detail: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  protected setStatus(patch: Partial<Omit<DeviceStatus, 'id' | 'kind' | 'name' | 'link' | 'since'>>): void {
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).some((key) => this.current[key] !== next[key]);
    if (!changed) return;
    this.current = { ...next, since: new Date().toISOString() };
    this.emit('status', this.status);
  }

  /** Bytes from the device, delivered only while enabled. */
  protected abstract received(chunk: Buffer): void;
  protected linkUp(): void {}
  protected linkDown(): void {}
  protected enabled(): void {}
  protected disabled(): void {}
}
