// Dialog 06, the legal-for-trade cash-register protocol (Dibal, CAS, Ohaus). The register asks with
// EOT ENQ; the scale answers record 02 (weight in grams) or a bare NAK when it cannot give a legal
// weight. Only the status record 09 (asked with record 08) says why.
import { delimitedFramer, textOf } from './framer';
import type { ScaleProtocol, ScaleReply } from './scale-protocol';

export const EOT = 0x04;
export const ENQ = 0x05;
export const STX = 0x02;
export const ETX = 0x03;
export const ESC = 0x1b;
export const ACK = 0x06;
export const NAK = 0x15;

/** Status codes of record 09. */
export const DIALOG_STATUS = {
  ok: '00',
  generalError: '01',
  parityError: '02',
  motion: '20',
  noMotionSinceLastWeighing: '21',
  belowMinimum: '30',
  underZero: '31',
  overCapacity: '32',
} as const;

const readStatus = (code: string): ScaleReply => {
  switch (code) {
    case DIALOG_STATUS.ok:
      return { kind: 'ack' };
    case DIALOG_STATUS.motion:
      return { kind: 'reading', reading: { status: 'unstable', grams: null } };
    case DIALOG_STATUS.noMotionSinceLastWeighing:
      return { kind: 'reading', reading: { status: 'not-ready', grams: null, detail: 'lift the item and weigh again', reason: 'lift-and-reweigh' } };
    case DIALOG_STATUS.belowMinimum:
      return { kind: 'reading', reading: { status: 'not-ready', grams: null, detail: 'below the minimum weight', reason: 'below-minimum' } };
    case DIALOG_STATUS.underZero:
      return { kind: 'reading', reading: { status: 'under-zero', grams: null } };
    case DIALOG_STATUS.overCapacity:
      return { kind: 'reading', reading: { status: 'overweight', grams: null } };
    default:
      // The first digit is the class (as public Dialog 06 drivers read it too): 0 scale or
      // line error, 1 record sequence (the scale waits for another record), 2 motion,
      // 3 weighing range. A code we do not know still gets the meaning of its class.
      if (code.startsWith('2')) return { kind: 'reading', reading: { status: 'unstable', grams: null } };
      if (code.startsWith('3')) return { kind: 'reading', reading: { status: 'not-ready', grams: null, detail: `outside the weighing range (${code})`, reason: 'out-of-range' } };
      if (code.startsWith('1')) return { kind: 'error', message: `scale protocol error ${code}: check the scale's register settings` };
      return { kind: 'error', message: `scale error ${code}` };
  }
};

export const parseDialog06 = (frame: Uint8Array): ScaleReply => {
  if (frame.length === 1 && frame[0] === NAK) return { kind: 'ask-status' };
  if (frame.length === 1 && frame[0] === ACK) return { kind: 'ack' };
  const fields = textOf(frame).split('\x1b');
  const record = fields[0];
  if (record === '02') {
    const weight = fields[2];
    if (!weight || !/^\d{5}$/.test(weight)) return { kind: 'noise' };
    return { kind: 'reading', reading: { status: 'stable', grams: Number(weight) } };
  }
  if (record === '09') {
    const code = fields[1];
    return code && /^\d\d$/.test(code) ? readStatus(code) : { kind: 'noise' };
  }
  return { kind: 'noise' };
};

export const dialog06 = (): ScaleProtocol => ({
  name: 'dialog-06',
  weightRequest: Uint8Array.of(EOT, ENQ),
  continuous: null,
  // Record 02 (fixed-width fields) is the longest answer; a NAK, record 08 and record 09 together are shorter.
  exchangeChars: 2 + dialogWeightRecord(99999).length,
  zeroRequest: null,
  tareRequest: null,
  statusRequest: Uint8Array.of(EOT, STX, 0x30, 0x38, ETX),
  createFramer: () => delimitedFramer({ start: STX, end: Uint8Array.of(ETX), singles: [NAK, ACK] }),
  parse: parseDialog06,
});

const record = (body: string): Uint8Array => Uint8Array.from([STX, ...Buffer.from(body, 'latin1'), ETX]);

/** Record 02 with weight, unit price and total price (prices 0 when the register did not set one). */
export const dialogWeightRecord = (grams: number, unitPrice = 0): Uint8Array =>
  record(
    `02\x1b3\x1b${String(grams).padStart(5, '0')}\x1b${String(unitPrice).padStart(6, '0')}\x1b${String(
      Math.round((grams * unitPrice) / 1000),
    ).padStart(6, '0')}`,
  );
export const dialogStatusRecord = (code: string): Uint8Array => record(`09\x1b${code}`);
