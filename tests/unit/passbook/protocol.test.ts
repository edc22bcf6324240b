// PR2 and ESC/P passbook commands byte for byte, and the status framer and parser.
import { describe, expect, it } from 'vitest';
import { PassbookLayoutConfig, PassbookStatusCodes } from '@shared/devices/device-config';
import { passbookDialect } from '../../../electron/services/devices/protocols/passbook/dialect';
import { escpLine, escpPageSetup } from '../../../electron/services/devices/protocols/passbook/epson-escp';
import { pr2Line, pr2PageSetup } from '../../../electron/services/devices/protocols/passbook/olivetti-pr2';
import { pr2Replies, readEscpStatus, readPr2Status } from '../../../electron/services/devices/protocols/passbook/status';

const codes = PassbookStatusCodes.parse({});
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => [...Buffer.from(text, 'latin1')];

describe('PR2 commands', () => {
  it('declares the page length, goes to a slot with ESC L nnn, lays the row out with spaces, prints with CR, ejects with ESC O', () => {
    const layout = PassbookLayoutConfig.parse({ linesPerPage: 24, topMarginLines: 4, foldAfterLine: 12, foldSkipLines: 2 });
    // 4 + 24 + 2 slots.
    expect(Buffer.from(pr2PageSetup(layout)).toString('latin1')).toBe('\x1bQ30\x1bZ');
    expect(Buffer.from(pr2Line(17, [{ at: 0, text: '01/02/26' }, { at: 12, text: 'X' }])).toString('latin1')).toBe('\x1bL01701/02/26    X\r');
    expect(hex(passbookDialect('olivetti-pr2', layout, codes).eject)).toBe('1b4f');
    expect(() => pr2Line(1000, [])).toThrow(RangeError);
  });
});

describe('ESC/P commands', () => {
  it('sets the 1/360-inch unit, goes to slot × pitch with ESC ( V, to each column with ESC $ in 1/60 inch, ejects with FF', () => {
    expect(hex(escpPageSetup())).toBe('1b40' + '1b285501000a');
    // Slot 17 at 1/6 inch: 1020/360 inch = 0x03FC; column 9 = 54/60 inch = 0x36.
    expect(hex(escpLine(17, 60, [{ at: 9, text: 'AB' }]))).toBe('1b285602' + '00fc03' + '1b243600' + '4142' + '0d');
    expect(hex(passbookDialect('epson-escp', PassbookLayoutConfig.parse({}), codes).eject)).toBe('0c');
  });
});

describe('status replies', () => {
  it('frames ESC r x and ESC B 5 m ESC Z among noise and waits for a reply cut in two', () => {
    const line = [0x00, 0xff, ...bytes('\x1br@'), 0x11, ...bytes('\x1bB51\x1b')];
    const first = pr2Replies(line);
    expect(first.replies).toEqual([{ kind: 'printer', x: 0x40 }]);
    expect(first.rest).toBe(6);
    expect(readPr2Status(line, codes)).toBeNull();
    expect(readPr2Status([...line, 0x5a], codes)).toEqual({ present: true, coverOpen: false, error: false, problem: '' });
  });

  it('reads an empty stand, an open cover and an error in the words a clerk acts on', () => {
    expect(readPr2Status(bytes('\x1bB50\x1bZ\x1br@'), codes)).toMatchObject({ present: false, problem: '' });
    expect(readPr2Status(bytes('\x1br\x42\x1bB51\x1bZ'), codes)).toMatchObject({ present: true, coverOpen: true, problem: 'passbook printer cover open' });
    expect(readPr2Status(bytes('\x1br\x44\x1bB52\x1bZ'), codes)).toMatchObject({ present: true, error: true, problem: /error/ });
    // The technician's own codes: this model says "in" with m = 'P'.
    const own = PassbookStatusCodes.parse({ pr2DocumentPresent: [0x50] });
    expect(readPr2Status(bytes('\x1br@\x1bB5P\x1bZ'), own)?.present).toBe(true);
    expect(readPr2Status(bytes('\x1br@\x1bB51\x1bZ'), own)?.present).toBe(false);
  });

  it('reads the ESC/P status byte with the configured bits', () => {
    expect(readEscpStatus([], codes)).toBeNull();
    expect(readEscpStatus([0x01], codes)).toEqual({ present: true, coverOpen: false, error: false, problem: '' });
    expect(readEscpStatus([0x03], codes)).toMatchObject({ present: true, coverOpen: true });
    expect(readEscpStatus([0x80], PassbookStatusCodes.parse({ escpPresentMask: 0x80 }))?.present).toBe(true);
  });
});
