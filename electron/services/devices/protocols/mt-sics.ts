// Mettler Toledo MT-SICS (9600 8N1): text commands and answers ending CRLF.
// `SIR` (level 0, so every MT-SICS scale has it) makes the scale send its weight immediately and
// repeatedly, stable (`S S`) or dynamic (`S D`), until another command or `@` ends it: the
// counter streams instead of polling. `SI` (immediate, not `S`, so motion shows live instead of
// blocking) is the one-off question and also ends a stream.
import { ascii, delimitedFramer, textOf } from './framer';
import type { ScaleProtocol, ScaleReply } from './scale-protocol';
import { toGrams } from './scale-reading';

const CRLF = Uint8Array.of(0x0d, 0x0a);

const ERRORS: Record<string, string> = {
  ES: 'syntax error: the scale did not understand the command',
  ET: 'transmission error',
  EL: 'logical error: the scale cannot run the command now',
};

export const parseMtSics = (frame: Uint8Array): ScaleReply => {
  // Line noise (0x00, 0xFF at a wrong baud rate) glued to a line is dropped, not the whole line.
  const text = textOf(frame).replace(/[^\x20-\x7e]/g, '').trim();
  const error = ERRORS[text];
  if (error) return { kind: 'error', message: error };
  const weight = /^S ([SD])\s+(-?\d+(?:\.\d+)?)\s+(\S+)$/.exec(text);
  if (weight?.[1] && weight[2] && weight[3]) {
    const grams = toGrams(Number(weight[2]), weight[3]);
    return { kind: 'reading', reading: { status: weight[1] === 'S' ? 'stable' : 'unstable', grams } };
  }
  switch (text) {
    case 'S I':
      return { kind: 'reading', reading: { status: 'not-ready', grams: null, detail: 'scale busy', reason: 'busy' } };
    case 'S +':
      return { kind: 'reading', reading: { status: 'overweight', grams: null } };
    case 'S -':
      return { kind: 'reading', reading: { status: 'under-zero', grams: null } };
    case 'Z A':
      return { kind: 'ack' };
    case 'Z I':
    case 'T I':
      return { kind: 'error', message: 'scale busy, command not run' };
    case 'Z +':
    case 'Z -':
    case 'T +':
    case 'T -':
      return { kind: 'error', message: 'outside the zero/tare range' };
  }
  if (/^T S\s+-?\d/.test(text)) return { kind: 'ack' };
  // The answer to `@` (cancel): the scale is back as after switching on, serial number in quotes.
  if (/^I4 A\b/.test(text)) return { kind: 'ack' };
  return { kind: 'noise' };
};

export const MT_SICS_REPEAT = 'SIR\r\n';
export const MT_SICS_CANCEL = '@\r\n';

export const mtSicsWeightLine = (stable: boolean, kg: number): Uint8Array =>
  ascii(`S ${stable ? 'S' : 'D'} ${kg.toFixed(3).padStart(10, ' ')} kg\r\n`);

export const mtSics = (): ScaleProtocol => ({
  name: 'mt-sics',
  weightRequest: ascii('SI\r\n'),
  continuous: { start: ascii(MT_SICS_REPEAT), stop: ascii('SI\r\n') },
  exchangeChars: 'SI\r\n'.length + mtSicsWeightLine(true, -999.999).length,
  zeroRequest: ascii('Z\r\n'),
  tareRequest: ascii('T\r\n'),
  statusRequest: null,
  createFramer: () => delimitedFramer({ end: CRLF }),
  parse: parseMtSics,
});
