// Serial barcode scanners send one code per line (CR, CRLF or LF). Many prefix an AIM symbology
// identifier (`]C0` Code 128, `]E0` EAN-13, `]Q1` QR): we strip it from the code and report it,
// so an S10 number read from a Code 128 label compares equal to one typed by hand.

export interface ScannedCode {
  code: string;
  /** AIM identifier as sent (e.g. `]C0`), or null when the scanner sends none. */
  aim: string | null;
  symbology: string;
}

const SYMBOLOGIES: Record<string, string> = {
  A: 'code-39',
  C: 'code-128',
  d: 'data-matrix',
  E: 'ean-upc',
  F: 'codabar',
  I: 'interleaved-2-of-5',
  L: 'pdf417',
  Q: 'qr',
  X: 'other',
  e: 'gs1-databar',
};

export const parseScan = (line: string): ScannedCode | null => {
  const text = line.replace(/[\r\n]/g, '');
  const aim = /^\](.)([0-9A-Za-z])/.exec(text);
  if (aim?.[1]) {
    const code = text.slice(3);
    return code ? { code, aim: aim[0], symbology: SYMBOLOGIES[aim[1]] ?? 'unknown' } : null;
  }
  // Control characters are line noise, not part of any code a counter scans.
  const code = text.replace(/[\x00-\x1f\x7f]/g, '');
  return code ? { code, aim: null, symbology: 'unknown' } : null;
};

/** Splits on CR, LF or CRLF; an empty line (the LF of a CRLF) yields nothing. */
export const scanLineFramer = () => {
  let pending = '';
  return {
    push(chunk: Uint8Array): string[] {
      pending += Buffer.from(chunk).toString('latin1');
      const parts = pending.split(/\r\n|\r|\n/);
      // A CR at the very end may be the first half of a CRLF: the LF that follows yields an empty line.
      pending = parts.pop() ?? '';
      if (pending.length > 512) pending = '';
      return parts.filter((line) => line.length > 0);
    },
  };
};

export const scanFrame = (code: string, aim: string | null, terminator = '\r'): Uint8Array =>
  Uint8Array.from(Buffer.from(`${aim ?? ''}${code}${terminator}`, 'latin1'));
