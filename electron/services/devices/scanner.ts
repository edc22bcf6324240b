// A serial barcode scanner. Each line is one scan; the AIM identifier, if any, is reported apart.
// (Keyboard-wedge scanners are read in the renderer; both end in the same `scan` event.)
import { CounterDevice, type DeviceIdentity } from './device';
import { parseScan, scanLineFramer } from './protocols/scanner-serial';
import type { Backoff } from './reconnect';
import type { Transport } from './transports/transport';

export class Scanner extends CounterDevice {
  private framer = scanLineFramer();

  constructor(identity: DeviceIdentity, transport: Transport, backoff?: Backoff) {
    super(identity, transport, backoff);
  }

  protected received(chunk: Buffer): void {
    for (const line of this.framer.push(chunk)) {
      const scan = parseScan(line);
      if (scan) this.emit('scan', scan);
    }
  }

  protected override linkUp(): void {
    this.framer = scanLineFramer();
  }
}
