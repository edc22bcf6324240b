// A small ESC/POS tokenizer of the test's own, independent of the product's decoder, so a bug in
// one cannot hide a bug in the other.

export type Token =
  | { op: 'text'; bytes: number[] }
  | { op: 'ESC @' }
  | { op: 'ESC t'; page: number }
  | { op: 'ESC p'; bytes: number[] }
  | { op: 'GS k'; type: number; data: string }
  | { op: 'QR store'; data: string }
  | { op: 'GS ( k'; fn: number }
  | { op: 'GS v 0'; widthBytes: number; height: number; blackBits: number }
  | { op: 'GS V'; m: number }
  | { op: 'other'; bytes: number[] };

const ONE_ARG_ESC = new Set([0x21, 0x2d, 0x33, 0x45, 0x47, 0x4d, 0x61, 0x64, 0x72]);
const ONE_ARG_GS = new Set([0x21, 0x42, 0x48, 0x66, 0x68, 0x77]);

const popcount = (byte: number): number => byte.toString(2).replace(/0/g, '').length;

export const tokenize = (buf: Buffer): Token[] => {
  const out: Token[] = [];
  let i = 0;
  const b = (k: number): number => buf[k] ?? -1;
  const take = (token: Token, length: number): void => {
    out.push(token);
    i += length;
  };
  while (i < buf.length) {
    const c = b(i);
    if (c === 0x1b && b(i + 1) === 0x40) take({ op: 'ESC @' }, 2);
    else if (c === 0x1b && b(i + 1) === 0x74) take({ op: 'ESC t', page: b(i + 2) }, 3);
    // Take ESC p with everything up to the next command byte, to see if timing bytes are missing.
    else if (c === 0x1b && b(i + 1) === 0x70) {
      let end = i + 3;
      while (end < buf.length && end < i + 5 && b(end) !== 0x1b && b(end) !== 0x1d) end += 1;
      out.push({ op: 'ESC p', bytes: [...buf.subarray(i, end)] });
      i = end;
    } else if (c === 0x1b && ONE_ARG_ESC.has(b(i + 1))) take({ op: 'other', bytes: [...buf.subarray(i, i + 3)] }, 3);
    else if (c === 0x1d && b(i + 1) === 0x6b) {
      const n = b(i + 3);
      out.push({ op: 'GS k', type: b(i + 2), data: buf.subarray(i + 4, i + 4 + n).toString('latin1') });
      i += 4 + n;
    } else if (c === 0x1d && b(i + 1) === 0x28 && b(i + 2) === 0x6b) {
      const len = b(i + 3) + 256 * b(i + 4);
      const fn = b(i + 6);
      if (fn === 0x50) out.push({ op: 'QR store', data: buf.subarray(i + 8, i + 5 + len).toString('utf8') });
      else out.push({ op: 'GS ( k', fn });
      i += 5 + len;
    } else if (c === 0x1d && b(i + 1) === 0x76 && b(i + 2) === 0x30) {
      const widthBytes = b(i + 4) + 256 * b(i + 5);
      const height = b(i + 6) + 256 * b(i + 7);
      const data = buf.subarray(i + 8, i + 8 + widthBytes * height);
      out.push({ op: 'GS v 0', widthBytes, height, blackBits: [...data].reduce((sum, byte) => sum + popcount(byte), 0) });
      i += 8 + widthBytes * height;
    } else if (c === 0x1d && b(i + 1) === 0x56) take({ op: 'GS V', m: b(i + 2) }, 3);
    else if (c === 0x1d && ONE_ARG_GS.has(b(i + 1))) take({ op: 'other', bytes: [...buf.subarray(i, i + 3)] }, 3);
    else if (c === 0x1b || c === 0x1d || c === 0x10) take({ op: 'other', bytes: [...buf.subarray(i, i + 2)] }, 2);
    else {
      const last = out[out.length - 1];
      if (last?.op === 'text') last.bytes.push(c);
      else out.push({ op: 'text', bytes: [c] });
      i += 1;
    }
  }
  return out;
};
