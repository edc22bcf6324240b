// Reads ESC/POS back into words: what the printer simulator shows the technician ("this is what
// the printer was told"). Covers the commands our receipts use; anything else is shown as hex so
// nothing is silently hidden.
import { transcribe } from '../receipt-transcript';

/** Code page 858 (850 with € at 0xD5), upper half. */
const CP858_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

export const decodeCp858 = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : (CP858_HIGH[b - 0x80] ?? '?'))).join('');

export type EscPosToken =
  | { kind: 'text'; text: string }
  | { kind: 'init' }
  | { kind: 'code-page'; page: number }
  | { kind: 'barcode'; type: number; data: string }
  | { kind: 'qr'; data: string }
  | { kind: 'image'; widthDots: number; heightDots: number; bitmap: Uint8Array }
  | { kind: 'cut'; partial: boolean }
  | { kind: 'drawer'; pin: number; onMs: number; offMs: number | null }
  | { kind: 'status-request'; n: number }
  | { kind: 'style'; command: string }
  | { kind: 'unknown'; hex: string };

/** Number of parameter bytes for simple fixed-length commands. */
const ESC_FIXED: Record<number, number> = { 0x21: 1, 0x2d: 1, 0x32: 0, 0x33: 1, 0x45: 1, 0x47: 1, 0x4d: 1, 0x61: 1, 0x64: 1, 0x7b: 1, 0x56: 1, 0x72: 1 };
const GS_FIXED: Record<number, number> = { 0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x72: 1 };

export const tokenizeEscPos = (bytes: Uint8Array): EscPosToken[] => {
  const tokens: EscPosToken[] = [];
  let text: number[] = [];
  const flush = (): void => {
    // Pages other than 858 are shown through 858 too: close enough for a technician's transcript.
    if (text.length) tokens.push({ kind: 'text', text: decodeCp858(Uint8Array.from(text)) });
    text = [];
  };
  const at = (i: number): number => bytes[i] ?? 0;
  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    if (b === 0x1b) {
      flush();
      const c = at(i + 1);
      if (c === 0x40) {
        tokens.push({ kind: 'init' });
        i += 2;
      } else if (c === 0x74) {
        tokens.push({ kind: 'code-page', page: at(i + 2) });
        i += 3;
      } else if (c === 0x70) {
        const hasTiming = i + 4 < bytes.length;
        tokens.push({ kind: 'drawer', pin: at(i + 2), onMs: at(i + 3) * 2, offMs: hasTiming ? at(i + 4) * 2 : null });
        i += 5;
      } else if (ESC_FIXED[c] !== undefined) {
        tokens.push({ kind: 'style', command: `ESC ${String.fromCharCode(c)} ${at(i + 2)}` });
        i += 2 + (ESC_FIXED[c] ?? 0);
      } else {
        tokens.push({ kind: 'unknown', hex: Buffer.from(bytes.subarray(i, i + 2)).toString('hex') });
        i += 2;
      }
    } else if (b === 0x1d) {
      flush();
      const c = at(i + 1);
      if (c === 0x6b) {
        const type = at(i + 2);
        const n = at(i + 3);
        let data = Buffer.from(bytes.subarray(i + 4, i + 4 + n)).toString('latin1');
        // Code 128 data starts with its code set selector ({A, {B, {C).
        if (type === 73 && data.startsWith('{')) data = data.slice(2);
        tokens.push({ kind: 'barcode', type, data });
        i += 4 + n;
      } else if (c === 0x28 && at(i + 2) === 0x6b) {
        const len = at(i + 3) + 256 * at(i + 4);
        const fn = at(i + 6);
        if (fn === 0x50) tokens.push({ kind: 'qr', data: Buffer.from(bytes.subarray(i + 8, i + 5 + len)).toString('utf8') });
        i += 5 + len;
      } else if (c === 0x76 && at(i + 2) === 0x30) {
        const widthBytes = at(i + 4) + 256 * at(i + 5);
        const height = at(i + 6) + 256 * at(i + 7);
        const size = widthBytes * height;
        tokens.push({ kind: 'image', widthDots: widthBytes * 8, heightDots: height, bitmap: bytes.slice(i + 8, i + 8 + size) });
        i += 8 + size;
      } else if (c === 0x56) {
        const m = at(i + 2);
        tokens.push({ kind: 'cut', partial: m === 1 || m === 49 || m === 66 });
        i += m === 65 || m === 66 ? 4 : 3;
      } else if (GS_FIXED[c] !== undefined) {
        tokens.push({ kind: 'style', command: `GS ${String.fromCharCode(c)} ${at(i + 2)}` });
        i += 2 + (GS_FIXED[c] ?? 0);
      } else {
        tokens.push({ kind: 'unknown', hex: Buffer.from(bytes.subarray(i, i + 2)).toString('hex') });
        i += 2;
      }
    } else if (b === 0x10 && at(i + 1) === 0x04) {
      flush();
      tokens.push({ kind: 'status-request', n: at(i + 2) });
      i += 3;
    } else {
      // LF ends a line; VT and other controls are paper movement, kept out of the text.
      if (b === 0x0a || b >= 0x20) text.push(b);
      i += 1;
    }
  }
  flush();
  return tokens;
};

/** A readable transcript of a job, one line per printed line or command. */
export const describeEscPos = (bytes: Uint8Array): string[] =>
  tokenizeEscPos(bytes).flatMap((token) => {
    if (token.kind === 'barcode') return [`[barcode ${token.type === 73 ? 'Code 128' : token.type}: ${token.data}]`];
    if (token.kind === 'drawer') return [token.offMs === null ? `[drawer pulse pin ${token.pin} WITHOUT timing]` : `[drawer pulse pin ${token.pin} ${token.onMs}/${token.offMs} ms]`];
    return transcribe(token);
  });
