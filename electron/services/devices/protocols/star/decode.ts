// Reads Star Line Mode back into words: what the printer simulator shows the technician for a
// Star. Covers the commands our receipts, drawer kicks and status requests use; anything else is
// shown as hex so nothing is silently hidden.
import { decodeCp858 } from '../escpos/decode';
import { transcribe } from '../receipt-transcript';

export type StarToken =
  | { kind: 'text'; text: string }
  | { kind: 'init' }
  | { kind: 'code-page'; page: number }
  | { kind: 'barcode'; type: number; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; widthDots: number; heightDots: number }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'drawer'; device: 1 | 2; onMs: number; delayMs: number }
  | { kind: 'status-request' }
  | { kind: 'style'; command: string }
  | { kind: 'unknown'; hex: string };

/** ESC n with fixed argument counts (bold, underline, invert, line spacing, size, font). */
const ESC_FIXED: Record<number, number> = { 0x45: 0, 0x46: 0, 0x34: 0, 0x35: 0, 0x30: 0, 0x2d: 1, 0x7a: 1, 0x69: 2, 0x1e: 2 };
const BARCODE_NAMES: Record<number, string> = { 0: 'UPC-E', 1: 'UPC-A', 2: 'EAN-8', 3: 'EAN-13', 4: 'Code 39', 5: 'ITF', 6: 'Code 128', 7: 'Code 93', 8: 'NW-7' };
/** Star code page 32 is Windows-1252; everything else we send is 858 (page 4). */
const WINDOWS_1252 = new TextDecoder('windows-1252');

export const tokenizeStar = (bytes: Uint8Array): StarToken[] => {
  const tokens: StarToken[] = [];
  const at = (i: number): number => bytes[i] ?? 0;
  const hex = (from: number, to: number): string => Buffer.from(bytes.subarray(from, to)).toString('hex');
  let page = 4;
  let text: number[] = [];
  // Drive pulse set by ESC BEL (Star's defaults until then).
  let pulse = { onMs: 200, delayMs: 200 };
  let qrData = '';
  const flush = (): void => {
    const run = Uint8Array.from(text);
    if (text.length) tokens.push({ kind: 'text', text: page === 32 ? WINDOWS_1252.decode(run) : decodeCp858(run) });
    text = [];
  };
  const push = (token: StarToken): void => {
    flush();
    const last = tokens[tokens.length - 1];
    // An image goes out in bands of 24 dot rows: show it as one image.
    if (token.kind === 'image' && last?.kind === 'image' && last.widthDots === token.widthDots) last.heightDots += token.heightDots;
    else tokens.push(token);
  };
  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    const c = at(i + 1);
    if (b === 0x1b && c === 0x40) {
      push({ kind: 'init' });
      i += 2;
    } else if (b === 0x1b && c === 0x1d) {
      const d = at(i + 2);
      if (d === 0x74) {
        page = at(i + 3);
        push({ kind: 'code-page', page });
        i += 4;
      } else if (d === 0x61) {
        push({ kind: 'style', command: `ESC GS a ${at(i + 3)}` });
        i += 4;
      } else if (d === 0x79 && at(i + 3) === 0x53) {
        push({ kind: 'style', command: `ESC GS y S ${String.fromCharCode(at(i + 4))} ${at(i + 5)}` });
        i += 6;
      } else if (d === 0x79 && at(i + 3) === 0x44) {
        const length = at(i + 6) + 256 * at(i + 7);
        qrData = Buffer.from(bytes.subarray(i + 8, i + 8 + length)).toString('utf8');
        i += 8 + length;
      } else if (d === 0x79 && at(i + 3) === 0x50) {
        push({ kind: 'qr', data: qrData });
        i += 4;
      } else {
        push({ kind: 'unknown', hex: hex(i, i + 3) });
        i += 3;
      }
    } else if (b === 0x1b && c === 0x74) {
      page = at(i + 2);
      push({ kind: 'code-page', page });
      i += 3;
    } else if (b === 0x1b && c === 0x62) {
      const end = bytes.indexOf(0x1e, i + 6);
      const stop = end < 0 ? bytes.length : end;
      const type = at(i + 2) >= 0x30 ? at(i + 2) - 0x30 : at(i + 2);
      push({ kind: 'barcode', type, data: Buffer.from(bytes.subarray(i + 6, stop)).toString('latin1') });
      i = stop + 1;
    } else if (b === 0x1b && c === 0x6b) {
      const widthBytes = at(i + 2) + 256 * at(i + 3);
      push({ kind: 'image', widthDots: widthBytes * 8, heightDots: 24 });
      i += 4 + widthBytes * 24;
      // The LF after each band prints it: part of the image, not an empty text line.
      if (at(i) === 0x0a) i += 1;
    } else if (b === 0x1b && c === 0x64) {
      const n = at(i + 2);
      push({ kind: 'cut', partial: n % 2 === 1 });
      i += 3;
    } else if (b === 0x1b && c === 0x07) {
      pulse = { onMs: at(i + 2) * 10, delayMs: at(i + 3) * 10 };
      flush();
      i += 4;
    } else if (b === 0x1b && c === 0x06 && at(i + 2) === 0x01) {
      push({ kind: 'status-request' });
      i += 3;
    } else if (b === 0x1b && ESC_FIXED[c] !== undefined) {
      const args = ESC_FIXED[c] ?? 0;
      push({ kind: 'style', command: `ESC ${String.fromCharCode(c)}${args ? ` ${hex(i + 2, i + 2 + args)}` : ''}` });
      i += 2 + args;
    } else if (b === 0x1b) {
      push({ kind: 'unknown', hex: hex(i, i + 2) });
      i += 2;
    } else if (b === 0x07 || b === 0x1c) {
      push({ kind: 'drawer', device: 1, ...pulse });
      i += 1;
    } else if (b === 0x1a || b === 0x19) {
      push({ kind: 'drawer', device: 2, ...pulse });
      i += 1;
    } else {
      // LF ends a line; VT and other controls are paper movement, kept out of the text.
      if (b === 0x0a || b >= 0x20) text.push(b);
      i += 1;
    }
  }
  flush();
  return tokens;
};

/** A readable transcript of a Star job, one line per printed line or command. */
export const describeStar = (bytes: Uint8Array): string[] =>
  tokenizeStar(bytes).flatMap((token) => {
    if (token.kind === 'barcode') return [`[barcode ${BARCODE_NAMES[token.type] ?? token.type}: ${token.data}]`];
    if (token.kind === 'drawer') return [`[drawer pulse device ${token.device} ${token.onMs}/${token.delayMs} ms]`];
    return transcribe(token);
  });
