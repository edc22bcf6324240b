// What differs between the two receipt-printer languages beyond the receipt itself: how the
// drawer is kicked and how the printer is asked for its health. Epson (and the many ESC/POS
// clones) answer DLE EOT with one byte each; a Star in Star Line Mode answers ESC ACK SOH with
// an ASB frame and ignores DLE EOT.
import { DRAWER_PULSE, statusRequest } from './escpos/commands';
import { isStatusByte, readHealth, type PrinterHealth } from './escpos/status';
import { STAR_DRAWER_PULSE, STAR_STATUS_REQUEST } from './star/commands';
import { findAsbFrame, readAsbHealth } from './star/asb';

export type ReceiptModel = 'epson' | 'star';

export interface ReceiptDialect {
  drawerPulse: Uint8Array;
  statusRequest: Uint8Array;
  /** The health once the whole answer is among the bytes received since the request; else null. */
  readAnswer(received: readonly number[]): PrinterHealth | null;
}

const EPSON: ReceiptDialect = {
  drawerPulse: DRAWER_PULSE,
  statusRequest: Uint8Array.from([...statusRequest(1), ...statusRequest(2), ...statusRequest(4)]),
  readAnswer: (received) => {
    const answers = received.filter(isStatusByte);
    if (answers.length < 3) return null;
    const [printer = 0, cause = 0, paper = 0] = answers;
    return readHealth(printer, cause, paper);
  },
};

const STAR: ReceiptDialect = {
  drawerPulse: STAR_DRAWER_PULSE,
  statusRequest: STAR_STATUS_REQUEST,
  readAnswer: (received) => {
    const frame = findAsbFrame(received);
    return frame ? readAsbHealth(frame.bytes) : null;
  },
};

export const dialectOf = (model: ReceiptModel): ReceiptDialect => (model === 'star' ? STAR : EPSON);
