// Pure rules behind the scale's speed: MT-SICS `SIR` framing and parsing, the simulator's reading
// of SIR and `@`, the poll period from the line's frame times, and the start-to-start schedule
// that never asks while an answer is pending. No clock: every time is passed in.
import { describe, expect, it } from 'vitest';
import { dialog06 } from '../../electron/services/devices/protocols/dialog-06';
import { mtSics, mtSicsWeightLine } from '../../electron/services/devices/protocols/mt-sics';
import { nciScp01 } from '../../electron/services/devices/protocols/nci-scp01';
import { continuousPattern } from '../../electron/services/devices/protocols/continuous-pattern';
import { toledo8217 } from '../../electron/services/devices/protocols/toledo-8217';
import { characterMs, DEFAULT_LINE, MIN_POLL_MS, pollPeriodMs, PollSchedule } from '../../electron/services/devices/scale-poll-schedule';
import { INITIAL_SCALE_STATE, readCommands, replyTo } from '../../electron/services/devices/simulators/scale-replies';

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('latin1');
const frames = (chunks: string[]): string[] => {
  const framer = mtSics().createFramer();
  return chunks.flatMap((chunk) => framer.push(Buffer.from(chunk, 'latin1'))).map(text);
};

describe('MT-SICS SIR', () => {
  const p = mtSics();

  it('asks for the stream with SIR CRLF and ends it with SI CRLF', () => {
    expect(text(p.continuous?.start)).toBe('SIR\r\n');
    expect(text(p.continuous?.stop)).toBe('SI\r\n');
    expect(text(p.weightRequest)).toBe('SI\r\n');
  });

  it('splits a stream of stable and dynamic lines cut anywhere into whole lines', () => {
    const stream = 'S D     0.480 kg\r\nS D     0.497 kg\r\nS S     0.500 kg\r\n';
    const cuts = [stream.slice(0, 7), stream.slice(7, 19), stream.slice(19, 20), stream.slice(20)];
    expect(frames(cuts)).toEqual(['S D     0.480 kg', 'S D     0.497 kg', 'S S     0.500 kg']);
  });

  it('reads each streamed line: dynamic is unstable, stable may price', () => {
    const parsed = frames(['S D     0.480 kg\r\nS S     0.500 kg\r\nS +\r\n']).map((line) => p.parse(Buffer.from(line, 'latin1')));
    expect(parsed).toEqual([
      { kind: 'reading', reading: { status: 'unstable', grams: 480 } },
      { kind: 'reading', reading: { status: 'stable', grams: 500 } },
      { kind: 'reading', reading: { status: 'overweight', grams: null } },
    ]);
  });

  it('takes the answer to @ (I4 A with the serial number) as an acknowledgement, not a weight', () => {
    expect(p.parse(Buffer.from('I4 A "0123456789"', 'latin1'))).toEqual({ kind: 'ack' });
  });

  it('the simulator hears SIR as repeat and @ as cancel, SI and S as one weight', () => {
    const { commands, rest } = readCommands('mt-sics', 'SIR\r\nSI\r\n@\r\nS\r\nSI');
    expect(commands).toEqual(['repeat', 'weight', 'cancel', 'weight']);
    expect(rest).toBe('SI');
  });

  it('the simulator answers SIR with the weight line at once and @ with its serial number', () => {
    const state = { ...INITIAL_SCALE_STATE, grams: 1250, motion: true };
    expect(text(replyTo('mt-sics', 'repeat', state))).toBe(text(mtSicsWeightLine(false, 1.25)));
    expect(text(replyTo('mt-sics', 'cancel', state))).toMatch(/^I4 A "\w+"\r\n$/);
  });
});

describe('poll period from the frame times', () => {
  it('counts start, data, parity and stop bits per character', () => {
    expect(characterMs(DEFAULT_LINE)).toBeCloseTo(10 / 9.6, 6);
    expect(characterMs({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 })).toBeCloseTo(10 / 9.6, 6);
    expect(characterMs({ baudRate: 2400, dataBits: 8, parity: 'odd', stopBits: 2 })).toBeCloseTo(12 / 2.4, 6);
  });

  it('knows each asking protocol’s longest exchange in characters', () => {
    // Toledo: W, then STX + 7 characters + CR. Dialog 06: EOT ENQ, then record 02 (STX 02 ESC 3
    // ESC 5 digits ESC 6 ESC 6 ETX). NCI: W CR, then LF weight(9) CR LF 2 status CR ETX.
    expect(toledo8217().exchangeChars).toBe(1 + 9);
    expect(dialog06().exchangeChars).toBe(2 + 26);
    expect(nciScp01().exchangeChars).toBe(2 + 16);
    expect(continuousPattern().exchangeChars).toBe(0);
  });

  it('polls at twice the exchange time, never under the floor, slower on a slower line', () => {
    expect(pollPeriodMs(toledo8217().exchangeChars)).toBe(MIN_POLL_MS);
    expect(pollPeriodMs(dialog06().exchangeChars)).toBe(Math.ceil(2 * 28 * (10 / 9.6)));
    expect(pollPeriodMs(nciScp01().exchangeChars)).toBe(Math.max(MIN_POLL_MS, Math.ceil(2 * 18 * (10 / 9.6))));
    const slow = { baudRate: 1200, dataBits: 7, parity: 'even', stopBits: 1 } as const;
    expect(pollPeriodMs(dialog06().exchangeChars, slow)).toBe(Math.ceil(2 * 28 * (10 / 1.2)));
  });
});

describe('poll schedule', () => {
  it('asks at once the first time', () => {
    expect(new PollSchedule(40).delayAt(1000)).toBe(0);
  });

  it('never asks while an answer is pending', () => {
    const schedule = new PollSchedule(40);
    schedule.sent(1000);
    expect(schedule.pending).toBe(true);
    expect(schedule.delayAt(1000)).toBeNull();
    expect(schedule.delayAt(5000)).toBeNull();
    expect(() => schedule.sent(1001)).toThrow(/still awaited/);
  });

  it('counts the period from the last question, not from its answer', () => {
    const schedule = new PollSchedule(40);
    schedule.sent(1000);
    schedule.settled();
    expect(schedule.delayAt(1012)).toBe(28);
  });

  it('asks again at once when the answer took longer than the period', () => {
    const schedule = new PollSchedule(40);
    schedule.sent(1000);
    schedule.settled();
    expect(schedule.delayAt(1090)).toBe(0);
  });
});
