// A small Star Line Mode tokenizer of the test's own, independent of the product's decoder (and
// of node-thermal-printer), so a bug in one cannot hide a bug in the other. Byte layouts from
// Star's "STAR Line Mode Command Specifications".

export type StarToken =
  | { op: 'text'; bytes: number[] }
  | { op: 'ESC @' }
  | { op: 'ESC GS t'; page: number }
  | { op: 'ESC b'; type: number; hri: number; mode: number; height: number; data: string }
  | { op: 'QR data'; data: string }
  | { op: 'QR print' }
  | { op: 'ESC k'; widthBytes: number; blackBits: number }
  | { op: 'ESC d'; n: number }
  | { op: 'ESC BEL'; onMs: number; delayMs: number }
  | { op: 'BEL' }
  | { op: 'ESC ACK SOH' }
  | { op: 'other'; bytes: number[] };

const popcount = (byte: number): number => byte.toString(2).replace(/0/g, '').length;
/** ESC x with a fixed number of argument bytes (bold on/off, underline, size, line spacing…). */
const ESC_ARGS: Record<number, number> = { 0x45: 0, 0x46: 0, 0x30: 0, 0x34: 0, 0x35: 0, 0x2d: 1, 0x7a: 1, 0x69: 2 };

export const tokenizeStar = (buf: Buffer): StarToken[] => {
  const out: StarToken[] = [];
  const b = (k: number): number => buf[k] ?? -1;
  let i = 0;
  while (i < buf.length) {
    const c = b(i);
    const next = b(i + 1);
    if (c === 0x1b && next === 0x40) {
      out.push({ op: 'ESC @' });
      i += 2;
    } else if (c === 0x1b && next === 0x1d && b(i + 2) === 0x74) {
      out.push({ op: 'ESC GS t', page: b(i + 3) });
      i += 4;
    } else if (c === 0x1b && next === 0x1d && b(i + 2) === 0x79 && b(i + 3) === 0x44) {
      // ESC GS y D 1 m nL nH d1…dk
      const k = b(i + 6) + 256 * b(i + 7);
      out.push({ op: 'QR data', data: buf.subarray(i + 8, i + 8 + k).toString('utf8') });
      i += 8 + k;
    } else if (c === 0x1b && next === 0x1d && b(i + 2) === 0x79 && b(i + 3) === 0x50) {
      out.push({ op: 'QR print' });
      i += 4;
    } else if (c === 0x1b && next === 0x1d && b(i + 2) === 0x79 && b(i + 3) === 0x53) {
      out.push({ op: 'other', bytes: [...buf.subarray(i, i + 6)] });
      i += 6;
    } else if (c === 0x1b && next === 0x1d) {
      out.push({ op: 'other', bytes: [...buf.subarray(i, i + 4)] });
      i += 4;
    } else if (c === 0x1b && next === 0x62) {
      // ESC b n1 n2 n3 n4 d1…dk RS
      const rs = buf.indexOf(0x1e, i + 6);
      out.push({ op: 'ESC b', type: b(i + 2), hri: b(i + 3), mode: b(i + 4), height: b(i + 5), data: buf.subarray(i + 6, rs).toString('latin1') });
      i = rs + 1;
    } else if (c === 0x1b && next === 0x6b) {
      // ESC k n1 n2: 24 rows of (n1 + 256 n2) bytes, row after row
      const widthBytes = b(i + 2) + 256 * b(i + 3);
      const data = buf.subarray(i + 4, i + 4 + widthBytes * 24);
      out.push({ op: 'ESC k', widthBytes, blackBits: [...data].reduce((sum, byte) => sum + popcount(byte), 0) });
      i += 4 + widthBytes * 24;
    } else if (c === 0x1b && next === 0x64) {
      out.push({ op: 'ESC d', n: b(i + 2) });
      i += 3;
    } else if (c === 0x1b && next === 0x07) {
      out.push({ op: 'ESC BEL', onMs: b(i + 2) * 10, delayMs: b(i + 3) * 10 });
      i += 4;
    } else if (c === 0x1b && next === 0x06 && b(i + 2) === 0x01) {
      out.push({ op: 'ESC ACK SOH' });
      i += 3;
    } else if (c === 0x1b && ESC_ARGS[next] !== undefined) {
      const length = 2 + (ESC_ARGS[next] ?? 0);
      out.push({ op: 'other', bytes: [...buf.subarray(i, i + length)] });
      i += length;
    } else if (c === 0x1b) {
      out.push({ op: 'other', bytes: [...buf.subarray(i, i + 2)] });
      i += 2;
    } else if (c === 0x07) {
      out.push({ op: 'BEL' });
      i += 1;
    } else {
      const last = out[out.length - 1];
      if (last?.op === 'text') last.bytes.push(c);
      else out.push({ op: 'text', bytes: [c] });
      i += 1;
    }
  }
  return out;
};
