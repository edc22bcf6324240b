// Olivetti PR2 passbook commands, the set most passbook printers emulate (Olivetti PR2/PR2E,
// Epson PLQ-20 in PR2 mode, Compuprint, Tally). Taken from the Compuprint MDP40B Programmer
// Manual, appendix C "Olivetti mode" (PR2 column):
// - ESC Q n ESC Z  define the document length, n line feeds in 1–3 digits; refused with a
//                  document in the printer, so it goes out before the passbook goes in;
// - ESC L n        print the current line and move to line n from the first printing line
//                  (n = 0 is the first line); the document is taken in if it is not yet.
//                  Written with three digits, as the Tally T5023 PR50 emulation table writes
//                  it ("ESC L nnn");
// - ESC O          eject the document (Olivetti PR45 SFP emulation guide, "Eject document");
// - ESC l          reset the error status;
// - ESC j, ESC sp B  status requests (status.ts).
// No absolute horizontal position is confirmed by a public source, so a line is laid out with
// spaces from the left margin and printed by CR: that works on every PR2 at its 10 cpi default.
import type { PassbookLayoutConfig } from '../../config';
import { ascii } from '../framer';
import { pageSlots } from './layout';
import { passbookRow, type PassbookField } from './passbook-line';

const ESC = 0x1b;
const CR = 0x0d;

const digits = (n: number, width: number): string => {
  if (!Number.isInteger(n) || n < 0 || n >= 10 ** width) throw new RangeError(`${n} does not fit ${width} digits`);
  return String(n).padStart(width, '0');
};

export const pr2DocumentLength = (lines: number): Uint8Array => Uint8Array.from([ESC, 0x51, ...ascii(String(lines)), ESC, 0x5a]);
export const pr2LinePosition = (slot: number): Uint8Array => Uint8Array.from([ESC, 0x4c, ...ascii(digits(slot, 3))]);
export const PR2_EJECT = Uint8Array.of(ESC, 0x4f);
export const PR2_RESET_ERROR = Uint8Array.of(ESC, 0x6c);

/** Sent while the stand is empty: how long a page is, so ESC L can reach every slot. */
export const pr2PageSetup = (layout: PassbookLayoutConfig): Uint8Array => pr2DocumentLength(pageSlots(layout));

/** One passbook line: to its slot, the row, CR to print it. */
export const pr2Line = (slot: number, fields: PassbookField[]): Uint8Array =>
  Uint8Array.from([...pr2LinePosition(slot), ...ascii(passbookRow(fields)), CR]);
