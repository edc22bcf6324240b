import { open, type FileHandle } from 'node:fs/promises';
import { TransportBase, type Transport } from './transport';

/**
 * A device file such as `/dev/usb/lp0`: the kernel printer driver takes the bytes. It does not
 * read back, so printer status (paper out) is unknown on this link.
 */
export class FileTransport extends TransportBase implements Transport {
  readonly readsBack = false;
  private handle: FileHandle | null = null;

  constructor(private readonly path: string) {
    super();
  }

  get description(): string {
    return `file ${this.path}`;
  }

  async open(): Promise<void> {
    // 'a' so a plain file (training mode) collects every job instead of keeping only the last.
    this.handle = await open(this.path, 'a');
    this.markOpen();
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle || !this.opened) throw new Error(`${this.path} is not open`);
    try {
      await handle.write(bytes);
    } catch (error) {
      this.handle = null;
      this.lost('disconnected');
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.lost('closed-by-us');
    await handle?.close();
  }
}
