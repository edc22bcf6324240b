// Toledo 8217 (9600 7E1): one-letter commands without terminator; answers STX … CR.
// A weight answer means the scale is at rest; anything else comes as a status byte.
import { ascii, textOf, type Framer } from './framer';
import type { ScaleProtocol, ScaleReply } from './scale-protocol';
import { toGrams } from './scale-reading';

export const STX = 0x02;
export const CR = 0x0d;

/** Bits of the status character after `?`. */
export const TOLEDO_STATUS = {
  motion: 1 << 0,
  overCapacity: 1 << 1,
  underZero: 1 << 2,
  outsideZeroCapture: 1 << 3,
  centreOfZero: 1 << 4,
  net: 1 << 5,
  badCommand: 1 << 6,
} as const;

/**
 * STX … CR, except that the status byte after `?` is binary and may itself be 0x02 (over capacity)
 * or 0x0D-like values: it is taken as data whatever it is, then CR must follow.
 */
export const toledoFramer = (): Framer => {
  let buf: number[] = [];
  let inFrame = false;
  return {
    push(chunk) {
      const frames: Uint8Array[] = [];
      for (const byte of chunk) {
        const statusByteNext = inFrame && buf.length === 1 && buf[0] === 0x3f;
        if (statusByteNext) {
          buf.push(byte);
          continue;
        }
        if (byte === STX) {
          buf = [];
          inFrame = true;
          continue;
        }
        if (!inFrame) continue;
        if (byte === CR) {
          frames.push(Uint8Array.from(buf));
          buf = [];
          inFrame = false;
          continue;
        }
        buf.push(byte);
        if (buf.length > 32) {
          buf = [];
          inFrame = false;
        }
      }
      return frames;
    },
    reset() {
      buf = [];
      inFrame = false;
    },
  };
};

export const parseToledo = (frame: Uint8Array, unit = 'kg'): ScaleReply => {
  const text = textOf(frame);
  if (text.startsWith('?')) {
    const c = text.charCodeAt(1);
    if (Number.isNaN(c)) return { kind: 'noise' };
    if (c & TOLEDO_STATUS.badCommand) return { kind: 'error', message: 'scale refused the command' };
    if (c & TOLEDO_STATUS.overCapacity) return { kind: 'reading', reading: { status: 'overweight', grams: null } };
    if (c & TOLEDO_STATUS.underZero) return { kind: 'reading', reading: { status: 'under-zero', grams: null } };
    if (c & TOLEDO_STATUS.motion) return { kind: 'reading', reading: { status: 'unstable', grams: null } };
    return { kind: 'ack' };
  }
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*N?\s*$/.exec(text);
  if (!match?.[1]) return { kind: 'noise' };
  const grams = toGrams(Number(match[1]), unit);
  return { kind: 'reading', reading: { status: 'stable', grams } };
};

export const toledo8217 = (unit = 'kg'): ScaleProtocol => ({
  name: 'toledo-8217',
  weightRequest: ascii('W'),
  continuous: null,
  exchangeChars: 1 + Math.max(toledoWeightFrame(-99.999).length, toledoStatusFrame(0).length),
  zeroRequest: ascii('Z'),
  tareRequest: ascii('T'),
  statusRequest: null,
  createFramer: toledoFramer,
  parse: (frame) => parseToledo(frame, unit),
});

/** Frames as the scale sends them (used by the simulator; the byte format stays in this one file). */
export const toledoWeightFrame = (kg: number): Uint8Array => ascii(`\x02${kg.toFixed(3).padStart(7, ' ')}\r`);
export const toledoStatusFrame = (bits: number): Uint8Array => Uint8Array.of(STX, 0x3f, bits, CR);
