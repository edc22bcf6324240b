// Serial lines deliver frames in arbitrary pieces, with noise between them. A framer keeps the
// partial frame between chunks and hands out whole frames only.

export interface Framer {
  /** Feed any chunk; returns the complete frames it finished, in order. */
  push(chunk: Uint8Array): Uint8Array[];
  reset(): void;
}

/** Upper bound for a frame; past it the buffer is noise, dropped so a babbling line cannot grow memory. */
const MAX_FRAME = 512;

/**
 * Frames that end with a terminator sequence (CR, CRLF, ETX…). With `start`, bytes before the
 * start byte are garbage and skipped; a second start byte restarts the frame (the first was noise).
 * `singles` are one-byte frames that stand alone (ACK, NAK).
 */
export const delimitedFramer = (opts: {
  end: Uint8Array;
  start?: number;
  singles?: number[];
  keepDelimiters?: boolean;
}): Framer => {
  let buf: number[] = [];
  let inFrame = opts.start === undefined;
  const endsWithTerminator = (): boolean => {
    const n = opts.end.length;
    if (buf.length < n) return false;
    for (let i = 0; i < n; i++) if (buf[buf.length - n + i] !== opts.end[i]) return false;
    return true;
  };
  return {
    push(chunk) {
      const frames: Uint8Array[] = [];
      for (const byte of chunk) {
        // A lone ACK/NAK counts only between frames; inside a frame it is data.
        const betweenFrames = opts.start === undefined ? buf.length === 0 : !inFrame;
        if (betweenFrames && opts.singles?.includes(byte)) {
          frames.push(Uint8Array.of(byte));
          continue;
        }
        if (opts.start !== undefined) {
          if (byte === opts.start) {
            buf = opts.keepDelimiters ? [byte] : [];
            inFrame = true;
            continue;
          }
          if (!inFrame) continue;
        }
        buf.push(byte);
        if (endsWithTerminator()) {
          const body = opts.keepDelimiters ? buf : buf.slice(0, buf.length - opts.end.length);
          frames.push(Uint8Array.from(body));
          buf = [];
          inFrame = opts.start === undefined;
        } else if (buf.length > MAX_FRAME) {
          buf = [];
          inFrame = opts.start === undefined;
        }
      }
      return frames;
    },
    reset() {
      buf = [];
      inFrame = opts.start === undefined;
    },
  };
};

export const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
export const textOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
