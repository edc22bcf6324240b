import { SerialPort } from 'serialport';
import { TransportBase, type Transport } from './transport';

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
}

/**
 * A serial line through serialport. An unplugged USB adapter shows as `close` with a
 * "disconnected" error, or as EIO on the next write: both end in one `close('disconnected')`.
 */
export class SerialTransport extends TransportBase implements Transport {
  readonly readsBack = true;
  private port: SerialPort | null = null;

  constructor(private readonly settings: SerialSettings) {
    super();
  }

  get description(): string {
    const s = this.settings;
    return `serial ${s.path} ${s.baudRate} ${s.dataBits}${s.parity[0]?.toUpperCase() ?? 'N'}${s.stopBits}`;
  }

  open(): Promise<void> {
    const port = new SerialPort({ ...this.settings, autoOpen: false, lock: false });
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('error', (error: Error) => {
      this.failed(error);
      if (/EIO|ENXIO|disconnected/i.test(error.message)) this.dropPort('disconnected');
    });
    port.on('close', (error?: Error | null) => {
      this.dropPort(error ? 'disconnected' : 'closed-by-us');
    });
    return new Promise((resolve, reject) => {
      port.open((error) => {
        if (error) {
          this.port = null;
          reject(error);
          return;
        }
        this.markOpen();
        resolve();
      });
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !this.opened) return Promise.reject(new Error(`${this.settings.path} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(bytes), (error) => {
        if (error) {
          if (/EIO|ENXIO/.test(error.message)) this.dropPort('disconnected');
          reject(error);
          return;
        }
        port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
      });
    });
  }

  async close(): Promise<void> {
    const port = this.port;
    this.lost('closed-by-us');
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private dropPort(reason: 'disconnected' | 'closed-by-us'): void {
    const port = this.port;
    this.port = null;
    this.lost(reason);
    if (port?.isOpen) port.close(() => undefined);
  }
}
