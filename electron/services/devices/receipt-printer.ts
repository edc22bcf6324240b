// The receipt printer. Printing checks the printer's health first where the link reads back
// (TCP, serial), so "out of paper" is an error the print queue can wait on, not lost paper.
// The configured model (Epson ESC/POS or Star Line Mode) picks the receipt bytes, the drawer
// kick and the status request.
import type { Receipt } from '@shared/receipt';
import { CounterDevice, type DeviceIdentity } from './device';
import { buildReceiptBytes, type ReceiptFormat } from './protocols/escpos/receipt-escpos';
import type { PrinterHealth } from './protocols/escpos/status';
import { dialectOf, type ReceiptDialect } from './protocols/receipt-dialect';
import type { Backoff } from './reconnect';
import { StatusReader } from './status-reader';
import type { Transport } from './transports/transport';

export class PrinterNotReadyError extends Error {
  constructor(readonly health: { problem: string }) {
    super(health.problem);
    this.name = 'PrinterNotReadyError';
  }
}

export class ReceiptPrinter extends CounterDevice {
  private readonly statusReader: StatusReader;
  private readonly dialect: ReceiptDialect;

  constructor(
    identity: DeviceIdentity,
    transport: Transport,
    readonly format: ReceiptFormat,
    statusTimeoutMs = 500,
    backoff?: Backoff,
  ) {
    super(identity, transport, backoff);
    this.dialect = dialectOf(format.model);
    this.statusReader = new StatusReader(statusTimeoutMs);
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
    return this.busy(() => this.send(this.dialect.drawerPulse));
  }

  /**
   * Asks DLE EOT 1, 2 and 4 (Epson) or ESC ACK SOH (Star). Null when the link cannot read back
   * (a device file) or the printer does not answer status requests (some models in some modes do
   * not; a Star LAN printer may answer only on its status port): printing then goes ahead.
   */
  async readHealth(): Promise<PrinterHealth | null> {
    if (!this.transport.readsBack || !this.status.enabled) return null;
    return this.statusReader.ask(() => this.send(this.dialect.statusRequest), (received) => this.dialect.readAnswer(received));
  }

  private async ensureReady(): Promise<void> {
    const health = await this.readHealth();
    if (health?.problem) throw new PrinterNotReadyError(health);
  }

  protected received(chunk: Buffer): void {
    this.statusReader.feed(chunk);
  }
}
