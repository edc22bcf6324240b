// NCI SCP-01 (shipping scales): `W<CR>` → LF weight unit CR LF status CR ETX.
// Two or three status bytes (Weigh-Tronix 8408-14788-01): flags in the low nibble, bits 4 and 5
// always set (so they print as ASCII), bit 6 of byte 2 says a third byte follows, bit 7 is parity.
import { ascii, delimitedFramer, textOf } from './framer';
import type { ScaleProtocol, ScaleReply } from './scale-protocol';
import { toGrams } from './scale-reading';

export const ETX = 0x03;

export const NCI_STATUS = {
  /** first byte */
  motion: 1 << 0,
  atZero: 1 << 1,
  ramError: 1 << 2,
  eepromError: 1 << 3,
  /** second byte */
  underCapacity: 1 << 0,
  overCapacity: 1 << 1,
  romError: 1 << 2,
  calibrationError: 1 << 3,
  /** second byte, bit 6: the optional third byte follows */
  byteFollows: 1 << 6,
  /** third byte */
  netWeight: 1 << 2,
  initialZeroError: 1 << 3,
} as const;

/** The status bytes with parity stripped, or null when the text is not a status field. */
function statusBytes(text: string): number[] | null {
  const codes = [...text].map((c) => c.charCodeAt(0) & 0x7f);
  if (codes.length < 2 || codes.length > 3 || codes.some((c) => (c & 0x30) !== 0x30)) return null;
  const thirdFollows = (codes[1]! & NCI_STATUS.byteFollows) !== 0;
  if (thirdFollows !== (codes.length === 3) || (codes[0]! & NCI_STATUS.byteFollows) !== 0) return null;
  return codes;
}

export const parseNci = (frame: Uint8Array): ScaleReply => {
  const text = textOf(frame);
  const start = text.indexOf('\n');
  if (start < 0) return { kind: 'noise' };
  const parts = text
    .slice(start)
    .split('\r')
    .map((part) => part.replace(/\n/g, ''))
    .filter((part) => part.length > 0);
  if (parts.length === 1 && parts[0] === '?') return { kind: 'error', message: 'scale refused the command' };
  const status = statusBytes(parts[parts.length - 1] ?? '');
  if (!status) return { kind: 'noise' };
  const first = status[0]! & 0x0f;
  const second = status[1]! & 0x0f;
  const third = (status[2] ?? 0x30) & 0x0f;
  if (first & (NCI_STATUS.ramError | NCI_STATUS.eepromError) || second & (NCI_STATUS.romError | NCI_STATUS.calibrationError))
    return { kind: 'error', message: 'scale hardware error: call the technician' };
  if (third & NCI_STATUS.initialZeroError) return { kind: 'error', message: 'the scale could not find zero at start: empty the platform and restart it' };
  if (second & NCI_STATUS.overCapacity) return { kind: 'reading', reading: { status: 'overweight', grams: null } };
  if (second & NCI_STATUS.underCapacity) return { kind: 'reading', reading: { status: 'under-zero', grams: null } };
  const weightText = parts.length > 1 ? parts[0] : undefined;
  if (weightText === undefined) return { kind: 'ack' };
  const weight = /^\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(weightText);
  const grams = weight?.[1] && weight[2] ? toGrams(Number(weight[1]), weight[2]) : null;
  if (first & NCI_STATUS.motion) return { kind: 'reading', reading: { status: 'unstable', grams } };
  if (grams === null) return { kind: 'reading', reading: { status: 'not-ready', grams: null, detail: 'no weight in reply', reason: 'no-weight' } };
  return { kind: 'reading', reading: { status: 'stable', grams } };
};

export const nciScp01 = (): ScaleProtocol => ({
  name: 'nci-scp01',
  weightRequest: ascii('W\r'),
  continuous: null,
  exchangeChars: 'W\r'.length + nciReply({ kg: -99.99, first: 0x0f, second: 0x0f }).length,
  zeroRequest: ascii('Z\r'),
  tareRequest: null,
  statusRequest: null,
  createFramer: () => delimitedFramer({ end: Uint8Array.of(ETX) }),
  parse: parseNci,
});

const statusChar = (flags: number): string => String.fromCharCode(0x30 | (flags & 0x0f));

export const nciReply = (opts: { kg?: number; first?: number; second?: number }): Uint8Array => {
  const status = `${statusChar(opts.first ?? 0)}${statusChar(opts.second ?? 0)}`;
  const weight = opts.kg === undefined ? '' : `\n${opts.kg.toFixed(2).padStart(7, '0')}kg\r`;
  return ascii(`${weight}\n${status}\r\x03`);
};
