// Epson ESC/P passbook commands (PLQ-20/22/30 in ESC/P mode), from Epson's ESC/P reference as
// reproduced in printer programming guides (Tally Genicom matrix printer guide, "Set Absolute
// Vertical Print Position"; Epson's ESC/P2 command reference):
// - ESC @                  initialise;
// - ESC ( U 01 00 m        unit m/3600 inch: m = 10 makes it 1/360 inch;
// - ESC ( V 02 00 mL mH    absolute vertical position, (mH × 256 + mL) units below the top margin;
// - ESC $ nL nH            absolute horizontal position, (nH × 256 + nL)/60 inch from the left margin;
// - CR                     print the line; FF ejects a single sheet, and so the passbook.
// The status query is not in these sources (status.ts): it is configurable.
import { ascii } from '../framer';
import type { PassbookField } from './passbook-line';

const ESC = 0x1b;
const CR = 0x0d;
const FF = 0x0c;

const le16 = (n: number): [number, number] => {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fff) throw new RangeError(`${n} is outside ESC/P's 0–32767`);
  return [n & 0xff, n >> 8];
};

/** 1/360 inch, the unit every vertical position below is written in. */
export const ESCP_UNIT_360 = Uint8Array.of(ESC, 0x28, 0x55, 0x01, 0x00, 0x0a);
export const ESCP_INIT = Uint8Array.of(ESC, 0x40);
export const ESCP_EJECT = Uint8Array.of(FF);
export const escpVerticalPosition = (units360: number): Uint8Array => Uint8Array.of(ESC, 0x28, 0x56, 0x02, 0x00, ...le16(units360));
/** A column at 10 characters per inch is 6/60 inch. */
export const escpHorizontalPosition = (column: number): Uint8Array => Uint8Array.of(ESC, 0x24, ...le16(column * 6));

export const escpPageSetup = (): Uint8Array => Uint8Array.from([...ESCP_INIT, ...ESCP_UNIT_360]);

/** One passbook line: to its height (slot × pitch), each field at its column, CR to print. */
export const escpLine = (slot: number, linePitch360: number, fields: PassbookField[]): Uint8Array =>
  Uint8Array.from([
    ...escpVerticalPosition(slot * linePitch360),
    ...fields.flatMap((field) => [...escpHorizontalPosition(field.at), ...ascii(field.text)]),
    CR,
  ]);
