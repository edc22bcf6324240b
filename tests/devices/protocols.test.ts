// Pure protocol code against the documented bytes (DOMAIN.md), not against our own simulator:
// if the encoder and the parser were wrong the same way, the pty tests alone would not see it.
import { describe, expect, it } from 'vitest';
import { isRightToLeft, layoutReceipt, spread, DEMO_MARKER } from '@shared/receipt';
import { ByteLog } from '../../electron/services/devices/byte-log';
import { continuousPattern, DEFAULT_CONTINUOUS_PATTERN } from '../../electron/services/devices/protocols/continuous-pattern';
import { dialog06 } from '../../electron/services/devices/protocols/dialog-06';
import { DRAWER_PULSE } from '../../electron/services/devices/protocols/escpos/commands';
import { healthBytes, isStatusByte, readHealth } from '../../electron/services/devices/protocols/escpos/status';
import type { Framer } from '../../electron/services/devices/protocols/framer';
import { readTsplStatus, readZplHostStatus } from '../../electron/services/devices/protocols/label-status';
import { mtSics } from '../../electron/services/devices/protocols/mt-sics';
import { nciScp01 } from '../../electron/services/devices/protocols/nci-scp01';
import type { ScaleProtocol, ScaleReply } from '../../electron/services/devices/protocols/scale-protocol';
import { parseScan, scanLineFramer } from '../../electron/services/devices/protocols/scanner-serial';
import { toledo8217 } from '../../electron/services/devices/protocols/toledo-8217';
import { escapeZpl } from '../../electron/services/devices/protocols/zpl';
import { backoffDelay } from '../../electron/services/devices/reconnect';

const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));

/** Feeds the wire bytes one at a time (the worst split) and parses every frame. */
const replies = (protocol: ScaleProtocol, wire: string): ScaleReply[] => {
  const framer: Framer = protocol.createFramer();
  const frames = [...bytes(wire)].flatMap((b) => framer.push(Uint8Array.of(b)));
  return frames.map((frame) => protocol.parse(frame));
};
const reading = (status: string, grams: number | null) => ({ kind: 'reading', reading: { status, grams } });

describe('Toledo 8217', () => {
  const p = toledo8217();
  it('asks with a bare W and reads STX weight CR', () => {
    expect(Buffer.from(p.weightRequest ?? []).toString()).toBe('W');
    expect(Buffer.from(p.zeroRequest ?? []).toString()).toBe('Z');
    expect(replies(p, '\x02  1.234\r')).toEqual([reading('stable', 1234)]);
  });
  it('reads the status byte bits, including a status byte equal to STX', () => {
    expect(replies(p, '\x02?\x01\r')).toEqual([reading('unstable', null)]);
    expect(replies(p, '\x02?\x02\r')).toEqual([reading('overweight', null)]);
    expect(replies(p, '\x02?\x04\r')).toEqual([reading('under-zero', null)]);
    expect(replies(p, '\x02?\x40\r')[0]).toMatchObject({ kind: 'error' });
    expect(replies(p, '\x02?\x10\r')).toEqual([{ kind: 'ack' }]);
  });
  it('skips noise before STX and survives a frame cut short by a new STX', () => {
    expect(replies(p, 'xx\r\xff\x02 9\x02  0.500\r')).toEqual([reading('stable', 500)]);
  });
  it('reads pounds when the scale is set to lb', () => {
    expect(replies(toledo8217('lb'), '\x02  2.000\r')).toEqual([reading('stable', 907)]);
  });
});

describe('MT-SICS', () => {
  const p = mtSics();
  it('reads stable and dynamic weights with their unit', () => {
    expect(replies(p, 'S S     1.234 kg\r\nS D     0.500 kg\r\nS S   250 g\r\n')).toEqual([
      reading('stable', 1234),
      reading('unstable', 500),
      reading('stable', 250),
    ]);
  });
  it('reads busy, overload, underload, zero ack and the error replies', () => {
    const [busy, over, under, zero, es, et, el] = replies(p, 'S I\r\nS +\r\nS -\r\nZ A\r\nES\r\nET\r\nEL\r\n');
    expect(busy).toMatchObject({ kind: 'reading', reading: { status: 'not-ready' } });
    expect(over).toEqual(reading('overweight', null));
    expect(under).toEqual(reading('under-zero', null));
    expect(zero).toEqual({ kind: 'ack' });
    for (const error of [es, et, el]) expect(error).toMatchObject({ kind: 'error' });
  });
  it('treats a garbage line as noise, not as a reading', () => {
    expect(replies(p, '#@!junk\r\nS S 1.000 kg\r\n')).toEqual([{ kind: 'noise' }, reading('stable', 1000)]);
  });
});

describe('Dialog 06', () => {
  const p = dialog06();
  it('asks with EOT ENQ and reads record 02 (weight in grams)', () => {
    expect([...(p.weightRequest ?? [])]).toEqual([0x04, 0x05]);
    expect(replies(p, '\x0202\x1b3\x1b01234\x1b000000\x1b000000\x03')).toEqual([reading('stable', 1234)]);
  });
  it('turns NAK into a status request (EOT STX 08 ETX) and reads record 09', () => {
    expect(replies(p, '\x15')).toEqual([{ kind: 'ask-status' }]);
    expect([...(p.statusRequest ?? [])]).toEqual([0x04, 0x02, 0x30, 0x38, 0x03]);
    expect(replies(p, '\x0209\x1b20\x03\x0209\x1b31\x03\x0209\x1b32\x03')).toEqual([
      reading('unstable', null),
      reading('under-zero', null),
      reading('overweight', null),
    ]);
    expect(replies(p, '\x0209\x1b01\x03')[0]).toMatchObject({ kind: 'error', message: 'scale error 01' });
  });
  it('gives an unknown status code the meaning of its class (1x record sequence, 2x motion, 3x range)', () => {
    expect(replies(p, '\x0209\x1b11\x03')[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/protocol error 11/) });
    expect(replies(p, '\x0209\x1b25\x03')).toEqual([reading('unstable', null)]);
    expect(replies(p, '\x0209\x1b36\x03')[0]).toMatchObject({ kind: 'reading', reading: { status: 'not-ready', grams: null } });
  });
  it('ignores noise and malformed records', () => {
    expect(replies(p, '\xff\x00\x0202\x1b3\x1bABCDE\x03')).toEqual([{ kind: 'noise' }]);
  });
});

describe('NCI SCP-01', () => {
  const p = nciScp01();
  it('reads LF weight unit CR LF status CR ETX', () => {
    expect(Buffer.from(p.weightRequest ?? []).toString()).toBe('W\r');
    expect(replies(p, '\n0001.23kg\r\n00\r\x03')).toEqual([reading('stable', 1230)]);
    expect(replies(p, '\n0002.50lb\r\n00\r\x03')).toEqual([reading('stable', 1134)]);
  });
  it('reads motion, under and over capacity, hardware errors and a refused command', () => {
    expect(replies(p, '\n0001.23kg\r\n10\r\x03')).toEqual([reading('unstable', 1230)]);
    expect(replies(p, '\n01\r\x03')).toEqual([reading('under-zero', null)]);
    expect(replies(p, '\n02\r\x03')).toEqual([reading('overweight', null)]);
    expect(replies(p, '\n40\r\x03')[0]).toMatchObject({ kind: 'error' });
    expect(replies(p, '\n?\r\x03')[0]).toMatchObject({ kind: 'error', message: 'scale refused the command' });
  });
  it('skips noise before the frame', () => {
    expect(replies(p, '\xff\x00#\n0000.75kg\r\n00\r\x03')).toEqual([reading('stable', 750)]);
  });
  it('reads the optional third status byte (announced by bit 6 of the second) and strips parity', () => {
    // 0x70 = bits 4, 5 and 6: "a third byte follows"; third byte 0x34 = net weight (informational).
    expect(replies(p, '\n0001.00kg\r\n0p4\r\x03')).toEqual([reading('stable', 1000)]);
    // Third byte 0x38: initial zero error.
    expect(replies(p, '\n0p8\r\x03')[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/zero at start/) });
    // Parity set on the first byte (0xB1 = '1' with bit 7): still motion.
    expect(replies(p, '\n0001.23kg\r\n\xb10\r\x03')).toEqual([reading('unstable', 1230)]);
    // A third byte nobody announced, or an announced one missing, is not a status field.
    expect(replies(p, '\n0001.00kg\r\n004\r\x03')).toEqual([{ kind: 'noise' }]);
    expect(replies(p, '\n0001.00kg\r\n0p\r\x03')).toEqual([{ kind: 'noise' }]);
  });
});

describe('continuous pattern', () => {
  const p = continuousPattern();
  it('reads stable, unstable, overload and negative lines with the default A&D-style pattern', () => {
    expect(replies(p, 'ST,GS,+0001.234kg\r\nUS,GS,+0000.800kg\r\nOL,GS,+9999.999kg\r\nST,GS,-0000.020kg\r\n')).toEqual([
      reading('stable', 1234),
      reading('unstable', 800),
      reading('overweight', null),
      reading('under-zero', -20),
    ]);
  });
  it('takes a technician-made pattern for another make (Kern-like, no state: always stable)', () => {
    const kern = continuousPattern({ ...DEFAULT_CONTINUOUS_PATTERN, pattern: '^\\s*(?<weight>-?\\d+\\.\\d+)\\s*(?<unit>g|kg)$', terminator: '\n' });
    expect(replies(kern, '   512.0 g\nnot a weight\n')).toEqual([reading('stable', 512), { kind: 'noise' }]);
  });
  it('refuses a pattern that does not compile at configuration time', () => {
    expect(() => continuousPattern({ ...DEFAULT_CONTINUOUS_PATTERN, pattern: '(' })).toThrow();
  });
});

describe('serial scanner framing', () => {
  it('strips and reports AIM identifiers', () => {
    expect(parseScan(']C0RR123456785DJ')).toEqual({ code: 'RR123456785DJ', aim: ']C0', symbology: 'code-128' });
    expect(parseScan(']E06111234567890')).toMatchObject({ code: '6111234567890', symbology: 'ean-upc' });
    expect(parseScan('\x00\x00')).toBeNull();
    expect(parseScan(']C0')).toBeNull();
  });
  it('frames CR, LF and CRLF even when CR and LF arrive in different chunks', () => {
    const framer = scanLineFramer();
    expect(framer.push(bytes('ABC\r'))).toEqual(['ABC']);
    expect(framer.push(bytes('\nDE'))).toEqual([]);
    expect(framer.push(bytes('F\n'))).toEqual(['DEF']);
  });
});

describe('reconnect backoff', () => {
  const backoff = { initialMs: 100, maxMs: 1500, factor: 2, jitter: 0.2 };
  it('grows exponentially and stops at the cap', () => {
    const noJitter = (attempt: number): number => backoffDelay(backoff, attempt, () => 1);
    expect([0, 1, 2, 3, 4, 10].map(noJitter)).toEqual([100, 200, 400, 800, 1500, 1500]);
  });
  it('draws jitter only below the nominal delay', () => {
    expect(backoffDelay(backoff, 2, () => 0)).toBe(320);
  });
});

describe('ESC/POS details', () => {
  it('the drawer pulse is the full 5-byte ESC p', () => {
    expect([...DRAWER_PULSE]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
  });
  it('reads DLE EOT answers', () => {
    const [printer, cause, paper] = healthBytes({ paperOut: true });
    expect([printer, cause, paper].every(isStatusByte)).toBe(true);
    expect(readHealth(printer, cause, paper)).toMatchObject({ paperOut: true, online: false, problem: 'printer out of paper' });
    expect(readHealth(0x12, 0x12, 0x12)).toMatchObject({ online: true, paperOut: false, coverOpen: false, problem: '' });
    expect(readHealth(0x12, 0x12, 0x1e)).toMatchObject({ paperLow: true, problem: '' });
    expect(isStatusByte(0x41)).toBe(false);
  });
  it('hex-escapes ZPL command characters in field data', () => {
    expect(escapeZpl('a^b~c_d')).toBe('a_5Eb_7Ec_5Fd');
  });
});

describe('receipt layout shared with the preview', () => {
  it('places label and amount on exactly one line width, and marks demo receipts top and bottom', () => {
    expect(spread('Colis', '2 500 DJF', 32)).toHaveLength(32);
    expect(spread('Un libellé bien trop long pour la ligne', '2 500 DJF', 32)).toHaveLength(32);
    const rows = layoutReceipt({ demo: true, header: ['Poste'], entries: [{ kind: 'item', label: 'Timbre', quantity: 3, amount: '300' }], footer: [] }, 32);
    const texts = rows.flatMap((row) => (row.kind === 'text' ? [row.text] : []));
    expect(texts[0]).toBe(DEMO_MARKER);
    expect(texts.at(-1)).toBe(DEMO_MARKER);
    expect(texts).toContain(spread('3 x Timbre', '300', 32));
    expect(rows.at(-1)).toEqual({ kind: 'cut' });
  });
  it('sends Arabic rows to raster, French rows to text', () => {
    expect(isRightToLeft('بريد جيبوتي')).toBe(true);
    expect(isRightToLeft('Reçu été')).toBe(false);
  });
});

describe('byte log for the technician', () => {
  it('keeps only the last entries and cuts big chunks', () => {
    const log = new ByteLog(3, 4);
    for (const n of [1, 2, 3, 4]) log.record('in', Uint8Array.of(n));
    expect(log.list().map((e) => e.hex)).toEqual(['02', '03', '04']);
    const big = log.record('out', bytes('\x02ABCDEFG'));
    expect(big.text).toBe('<STX>ABC…(+4 bytes)');
  });
});

describe('label printer status', () => {
  const codes = (text: string): number[] => [...bytes(text)];
  const hs = (first: string, second: string) => codes(`\x02${first}\x03\r\n\x02${second}\x03\r\n\x021234,0\x03\r\n`);
  it('reads ZPL ~HS: paper out and pause in string 1, head up and ribbon out in string 2', () => {
    expect(readZplHostStatus(hs('030,0,0,1200,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000'))).toMatchObject({ problem: '' });
    expect(readZplHostStatus(hs('030,1,0,1200,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000'))).toMatchObject({ paperOut: true, problem: 'label printer out of labels' });
    expect(readZplHostStatus(hs('030,0,1,1200,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000'))?.problem).toMatch(/paused/);
    expect(readZplHostStatus(hs('030,0,0,1200,000,0,0,0,000,0,0,0', '001,0,1,0,0,2,4,0,00000000,1,000'))).toMatchObject({ headOpen: true });
    // Ribbon out stops a thermal-transfer printer only; in direct thermal there is no ribbon.
    expect(readZplHostStatus(hs('030,0,0,1200,000,0,0,0,000,0,0,0', '001,0,0,1,1,2,4,0,00000000,1,000'))?.problem).toMatch(/ribbon/);
    expect(readZplHostStatus(hs('030,0,0,1200,000,0,0,0,000,0,0,0', '001,0,0,1,0,2,4,0,00000000,1,000'))?.problem).toBe('');
  });
  it('waits until both flag strings of ~HS have arrived, whatever the split', () => {
    const answer = hs('030,1,0,1200,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000');
    const cut = answer.indexOf(0x03, 40);
    expect(readZplHostStatus(answer.slice(0, cut))).toBeNull();
    expect(readZplHostStatus(answer.slice(0, cut + 1))).toMatchObject({ paperOut: true });
  });
  it('reads the TSPL status byte (ESC ! ?)', () => {
    expect(readTsplStatus([0x00])).toMatchObject({ problem: '' });
    expect(readTsplStatus([0x20])).toMatchObject({ problem: '' }); // printing
    expect(readTsplStatus([0x01])?.problem).toMatch(/head open/);
    expect(readTsplStatus([0x02])?.problem).toMatch(/jammed/);
    expect(readTsplStatus([0x04])?.problem).toMatch(/out of labels/);
    expect(readTsplStatus([0x08])?.problem).toMatch(/ribbon/);
    expect(readTsplStatus([0x10])?.problem).toMatch(/paused/);
    expect(readTsplStatus([])).toBeNull();
  });
});
