// The receipt printer. Printing checks the printer's health first where the link reads back
// (TCP, serial), so "out of paper" is an error the print queue can wait on, not lost paper.
import type { Receipt } from '@shared/receipt';
import { CounterDevice, type DeviceIdentity } from './device';
import { DRAWER_PULSE, statusRequest } from './protocols/escpos/commands';
import { buildReceiptBytes, type ReceiptFormat } from './protocols/escpos/receipt-escpos';
import { isStatusByte, readHealth, type PrinterHealth } from './protocols/escpos/status';
import type { Backoff } from './reconnect';
import type { Transport } from './transports/transport';

export class PrinterNotReadyError extends Error {
  constructor(readonly health: PrinterHealth) {
    super(health.problem);
    this.name = 'PrinterNotReadyError';
  }
}

export class ReceiptPrinter extends CounterDevice {
  private statusBytes: number[] = [];
  private statusWaiter: (() => void) | null = null;

  constructor(
    identity: DeviceIdentity,
    transport: Transport,
    readonly format: ReceiptFormat,
    private readonly statusTimeoutMs = 500,
    backoff?: Backoff,
  ) {
    super(identity, transport, backoff);
  }

  print(receipt: Receipt): Promise<void> {
    return this.busy(async () => {
      const bytes = await buildReceiptBytes(receipt, this.format);
      await this.ensureReady();
      await this.send(bytes);
    });
  }

  /** Sends prepared bytes (a reprint, a test pattern) with the same health check as a receipt. */
  printBytes(bytes: Uint8Array): Promise<void> {
    return this.busy(async () => {
      await this.ensureReady();
      await this.send(bytes);
    });
  }

  /** Kicks the drawer wired to this printer's drawer port. */
  openDrawer(): Promise<void> {
    return this.busy(() => this.send(DRAWER_PULSE));
  }

  /**
   * Asks DLE EOT 1, 2 and 4. Null when the link cannot read back (a device file) or the printer
   * does not answer status requests (some models in some modes do not): printing then goes ahead.
   */
  async readHealth(): Promise<PrinterHealth | null> {
    if (!this.transport.readsBack || !this.status.enabled) return null;
    this.statusBytes = [];
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.statusWaiter = null;
        resolve(false);
      }, this.statusTimeoutMs);
      this.statusWaiter = () => {
        if (this.statusBytes.length < 3) return;
        clearTimeout(timer);
        this.statusWaiter = null;
        resolve(true);
      };
    });
    await this.send(Uint8Array.from([...statusRequest(1), ...statusRequest(2), ...statusRequest(4)]));
    if (!(await answered)) return null;
    const [printer = 0, cause = 0, paper = 0] = this.statusBytes;
    return readHealth(printer, cause, paper);
  }

  private async ensureReady(): Promise<void> {
    const health = await this.readHealth();
    if (health?.problem) throw new PrinterNotReadyError(health);
  }

  protected received(chunk: Buffer): void {
    for (const byte of chunk) if (isStatusByte(byte)) this.statusBytes.push(byte);
    this.statusWaiter?.();
  }
}
