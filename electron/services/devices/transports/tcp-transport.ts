import { Socket } from 'node:net';
import { TransportBase, type Transport } from './transport';

/** A network printer (port 9100) or a serial-to-Ethernet bridge. */
export class TcpTransport extends TransportBase implements Transport {
  readonly readsBack = true;
  private socket: Socket | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly connectTimeoutMs = 2000,
  ) {
    super();
  }

  get description(): string {
    return `tcp://${this.host}:${this.port}`;
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.setNoDelay(true);
      // A printer switched off mid-job leaves a half-open socket: keep-alive lets the OS notice.
      socket.setKeepAlive(true, 1000);
      const timer = setTimeout(() => socket.destroy(new Error(`no answer from ${this.description}`)), this.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        this.markOpen();
        resolve();
      });
      socket.on('data', (chunk: Buffer) => this.emit('data', chunk));
      socket.on('error', (error) => {
        clearTimeout(timer);
        if (!this.opened) reject(error);
        else this.failed(error);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (this.socket === socket) {
          this.socket = null;
          this.lost('disconnected');
        }
      });
      socket.connect(this.port, this.host);
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.opened) return Promise.reject(new Error(`${this.description} is not connected`));
    return new Promise((resolve, reject) => socket.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve())));
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.lost('closed-by-us');
    if (socket) await new Promise<void>((resolve) => socket.end(() => resolve()));
    socket?.destroy();
  }
}
