// Asking a label printer whether it can print. ZPL answers ~HS with three STX…ETX CR LF
// strings of comma-separated flags (ZPL II Programming Guide, "Host Status Return"); TSPL
// answers ESC ! ? with one status byte. Only the flags that stop a label are read.
import { ascii } from './framer';
type LabelLanguage = 'zpl' | 'tspl';

export interface LabelHealth {
  paperOut: boolean;
  jammed: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  /** Why the printer cannot print now, in words for the clerk; empty when it can. */
  problem: string;
}

export const ZPL_HOST_STATUS = ascii('~HS');
export const TSPL_STATUS = Uint8Array.of(0x1b, 0x21, 0x3f);
export const statusRequestFor = (language: LabelLanguage): Uint8Array => (language === 'zpl' ? ZPL_HOST_STATUS : TSPL_STATUS);

const STX = 0x02;
const ETX = 0x03;

const health = (flags: Omit<LabelHealth, 'problem'>): LabelHealth => ({
  ...flags,
  problem: flags.headOpen
    ? 'label printer head open'
    : flags.jammed
      ? 'label printer jammed: open it and clear the labels'
      : flags.paperOut
        ? 'label printer out of labels'
        : flags.ribbonOut
          ? 'label printer out of ribbon'
          : flags.paused
            ? 'label printer paused: press its pause button'
            : '',
});

/** The first `count` STX…ETX strings among the bytes, or null until they have all arrived. */
function framedStrings(received: readonly number[], count: number): string[][] | null {
  const strings: string[][] = [];
  let start = -1;
  received.forEach((byte, index) => {
    if (byte === STX) start = index + 1;
    else if (byte === ETX && start >= 0) {
      strings.push(String.fromCharCode(...received.slice(start, index)).split(','));
      start = -1;
    }
  });
  return strings.length >= count ? strings.slice(0, count) : null;
}

/**
 * String 1 `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l`: b paper out, c pause. String 2
 * `mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www`: o head up, p ribbon out, q thermal-transfer mode
 * (without a ribbon in use, "ribbon out" stops nothing).
 */
export function readZplHostStatus(received: readonly number[]): LabelHealth | null {
  const strings = framedStrings(received, 2);
  if (!strings) return null;
  const [first = [], second = []] = strings;
  const flag = (fields: string[], index: number) => fields[index]?.trim() === '1';
  return health({
    jammed: false,
    paperOut: flag(first, 1),
    paused: flag(first, 2),
    headOpen: flag(second, 2),
    ribbonOut: flag(second, 3) && flag(second, 4),
  });
}

/** TSPL's byte: bit 0 head open, 1 paper jam, 2 out of paper, 3 out of ribbon, 4 pause, 5 printing. */
export function readTsplStatus(received: readonly number[]): LabelHealth | null {
  const byte = received[received.length - 1];
  if (byte === undefined) return null;
  return health({ headOpen: (byte & 0x01) !== 0, jammed: (byte & 0x02) !== 0, paperOut: (byte & 0x04) !== 0, ribbonOut: (byte & 0x08) !== 0, paused: (byte & 0x10) !== 0 });
}

export const readLabelStatus = (language: LabelLanguage, received: readonly number[]): LabelHealth | null =>
  language === 'zpl' ? readZplHostStatus(received) : readTsplStatus(received);

/** What a printer in this condition answers (the printer simulator). */
export function labelStatusAnswer(request: 'zpl' | 'tspl', condition: { paperOut: boolean; coverOpen: boolean }): Buffer {
  if (request === 'tspl') return Buffer.of((condition.coverOpen ? 0x01 : 0) | (condition.paperOut ? 0x04 : 0));
  const line = (fields: string) => `\x02${fields}\x03\r\n`;
  return Buffer.from(
    line(`030,${condition.paperOut ? 1 : 0},0,1200,000,0,0,0,000,0,0,0`) +
      line(`001,0,${condition.coverOpen ? 1 : 0},0,0,2,4,0,00000000,1,000`) +
      line('1234,0'),
    'latin1',
  );
}
