// A serial scanner that "reads" the codes it is told to, with or without an AIM identifier.
import { scanFrame } from '../protocols/scanner-serial';
import { openSerialEnd, type SerialEnd } from './serial-end';

export class ScannerSimulator {
  private end: SerialEnd | null = null;

  constructor(readonly path: string) {}

  async start(): Promise<void> {
    this.end = await openSerialEnd(this.path);
  }

  async scan(code: string, aim: string | null = ']C0', terminator = '\r', opts: { byteByByte?: boolean } = {}): Promise<void> {
    if (!this.end) throw new Error('scanner simulator not started');
    await this.end.write(scanFrame(code, aim, terminator), opts);
  }

  async stop(): Promise<void> {
    await this.end?.close();
    this.end = null;
  }
}
