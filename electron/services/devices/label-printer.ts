// The label printer (ZPL or TSPL) for parcel labels. Like the receipt printer, it asks the
// printer whether it can print first where the link reads back (~HS, ESC ! ?), so a printer
// out of labels or with its head open is an error the print queue waits on, not a lost label.
import { CounterDevice, type DeviceIdentity } from './device';
import { readLabelStatus, statusRequestFor, type LabelHealth } from './protocols/label-status';
import type { ParcelLabel } from './protocols/parcel-label';
import { buildTsplLabel } from './protocols/tspl';
import { buildZplLabel } from './protocols/zpl';
import type { Backoff } from './reconnect';
import { PrinterNotReadyError } from './receipt-printer';
import { StatusReader } from './status-reader';
import type { Transport } from './transports/transport';

export type LabelLanguage = 'zpl' | 'tspl';

export const buildLabel = (label: ParcelLabel, language: LabelLanguage, dotsPerMm: 8 | 12 = 8): Buffer =>
  Buffer.from(language === 'zpl' ? buildZplLabel(label, dotsPerMm) : buildTsplLabel(label, dotsPerMm), 'utf8');

export class LabelPrinter extends CounterDevice {
  private readonly statusReader: StatusReader;

  constructor(
    identity: DeviceIdentity,
    transport: Transport,
    readonly language: LabelLanguage,
    private readonly dotsPerMm: 8 | 12 = 8,
    backoff?: Backoff,
    statusTimeoutMs = 500,
  ) {
    super(identity, transport, backoff);
    this.statusReader = new StatusReader(statusTimeoutMs);
  }

  printLabel(label: ParcelLabel): Promise<void> {
    return this.print(() => buildLabel(label, this.language, this.dotsPerMm));
  }

  printBytes(bytes: Uint8Array): Promise<void> {
    return this.print(() => bytes);
  }

  /** Builds first (a malformed label never reaches the printer), then asks, then sends. */
  private print(build: () => Uint8Array): Promise<void> {
    return this.busy(async () => {
      const bytes = build();
      const health = await this.readHealth();
      if (health?.problem) throw new PrinterNotReadyError(health);
      await this.send(bytes);
    });
  }

  /** Null where the link cannot read back (a device file) or the printer does not answer. */
  async readHealth(): Promise<LabelHealth | null> {
    if (!this.transport.readsBack || !this.status.enabled) return null;
    return this.statusReader.ask(() => this.send(statusRequestFor(this.language)), (received) => readLabelStatus(this.language, received));
  }

  protected received(chunk: Buffer): void {
    this.statusReader.feed(chunk);
  }
}
