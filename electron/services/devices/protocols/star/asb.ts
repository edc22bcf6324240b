// Reading a Star ASB (Automatic Status Back) frame: the answer to ESC ACK SOH, and what a Star
// sends by itself when automatic status is switched on. The first byte says how long the frame
// is; every byte has bits 4 and 7 clear, which is how a frame start is told from other bytes.
import type { PrinterHealth } from '../escpos/status';

/** Header 1: bit 0 set, bits 4 and 7 clear; the length is in bits 1–3 (low) and 5–6 (high). */
const isHeader = (byte: number): boolean => (byte & 0x91) === 0x01;
const frameLength = (header: number): number => ((header & 0x0e) >> 1) | ((header & 0x60) >> 2);
/** The shortest ASB a Star sends (older models): header, version, five status bytes. */
const MIN_FRAME = 7;

const bit = (byte: number | undefined, n: number): boolean => ((byte ?? 0) & (1 << n)) !== 0;

export interface AsbFrame {
  /** Index of the frame's first byte in the scanned bytes. */
  start: number;
  bytes: number[];
}

/** The first complete ASB frame in `bytes`, or null while none is (yet) complete. */
export const findAsbFrame = (bytes: readonly number[]): AsbFrame | null => {
  for (let start = 0; start < bytes.length; start += 1) {
    const header = bytes[start] ?? 0;
    if (!isHeader(header)) continue;
    const length = frameLength(header);
    if (length < MIN_FRAME) continue;
    if (start + length > bytes.length) return null;
    return { start, bytes: bytes.slice(start, start + length) };
  }
  return null;
};

/**
 * Status byte 1 (frame byte 3): bit 5 cover open, bit 3 offline, bit 2 drawer sensor (the
 * compulsion switch: which level means "open" depends on the drawer's wiring, check on site).
 * Status byte 2: bit 5 unrecoverable error, bit 3 auto-cutter error, bit 2 mechanical error.
 * Status byte 4 (frame byte 6): bit 3 paper end, bits 2 and 1 paper near end.
 */
export const readAsbHealth = (frame: readonly number[]): PrinterHealth => {
  const [, , printer, error, , paper] = frame;
  const coverOpen = bit(printer, 5);
  const online = !bit(printer, 3);
  const paperOut = bit(paper, 3);
  const paperLow = bit(paper, 2) || bit(paper, 1);
  const failed = bit(error, 5) || bit(error, 3) || bit(error, 2);
  const problem = coverOpen
    ? 'printer cover open'
    : paperOut
      ? 'printer out of paper'
      : failed
        ? 'printer error: switch it off and on'
        : !online
          ? 'printer offline'
          : '';
  return { online, coverOpen, paperOut, paperLow, drawerOpen: bit(printer, 2), problem };
};

/** The 9-byte ASB a Star in the given condition sends (used by the printer simulator). */
export const asbBytes = (opts: { paperOut?: boolean; coverOpen?: boolean; drawerOpen?: boolean }): number[] => {
  const stopped = opts.paperOut === true || opts.coverOpen === true;
  const printer = (opts.coverOpen ? 0x20 : 0) | (stopped ? 0x08 : 0) | (opts.drawerOpen ? 0x04 : 0);
  const paper = opts.paperOut ? 0x08 : 0;
  // 0x23: header for 9 bytes; 0x02: version 1, no extension.
  return [0x23, 0x02, printer, 0, 0, paper, 0, 0, 0];
};
