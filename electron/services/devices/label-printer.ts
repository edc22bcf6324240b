// The label printer (ZPL or TSPL) for parcel labels.
import { CounterDevice, type DeviceIdentity } from './device';
import type { ParcelLabel } from './protocols/parcel-label';
import { buildTsplLabel } from './protocols/tspl';
import { buildZplLabel } from './protocols/zpl';
import type { Backoff } from './reconnect';
import type { Transport } from './transports/transport';

export type LabelLanguage = 'zpl' | 'tspl';

export const buildLabel = (label: ParcelLabel, language: LabelLanguage, dotsPerMm: 8 | 12 = 8): Buffer =>
  Buffer.from(language === 'zpl' ? buildZplLabel(label, dotsPerMm) : buildTsplLabel(label, dotsPerMm), 'utf8');

export class LabelPrinter extends CounterDevice {
  constructor(
    identity: DeviceIdentity,
    transport: Transport,
    readonly language: LabelLanguage,
    private readonly dotsPerMm: 8 | 12 = 8,
    backoff?: Backoff,
  ) {
    super(identity, transport, backoff);
  }

  printLabel(label: ParcelLabel): Promise<void> {
    return this.busy(() => this.send(buildLabel(label, this.language, this.dotsPerMm)));
  }

  printBytes(bytes: Uint8Array): Promise<void> {
    return this.busy(() => this.send(bytes));
  }

  // Label printers' answers (ZPL ~HS) are not used yet: bytes in are only logged.
  protected received(): void {}
}
