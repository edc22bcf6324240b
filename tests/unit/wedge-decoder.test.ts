// The keyboard-wedge decoder: timing tells a scanner from a person, KeyboardEvent.code gives the
// character the scanner meant whatever the PC's layout (AZERTY turns the digit row into &é"'().
import { describe, expect, it } from 'vitest';
import { characterOf, WedgeDecoder, type WedgeKey, type WedgeOutcome } from '../../renderer/src/features/scanning/wedge-decoder';

const codeOf = (character: string): { code: string; shiftKey: boolean } => {
  if (/[A-Z]/.test(character)) return { code: `Key${character}`, shiftKey: true };
  if (/[a-z]/.test(character)) return { code: `Key${character.toUpperCase()}`, shiftKey: false };
  if (/\d/.test(character)) return { code: `Digit${character}`, shiftKey: false };
  if (character === '-') return { code: 'Minus', shiftKey: false };
  throw new Error(`no key for ${character}`);
};

/** Keys `gapMs` apart, starting at `start`, ending with Enter; returns every outcome. */
const typed = (decoder: WedgeDecoder, text: string, gapMs: number, start = 1000): WedgeOutcome[] => {
  const keys: WedgeKey[] = [...text].map((character, index) => ({ ...codeOf(character), time: start + index * gapMs }));
  keys.push({ code: 'Enter', shiftKey: false, time: start + text.length * gapMs });
  return keys.map((key) => decoder.push(key));
};

describe('keyboard-wedge decoding', () => {
  it('reads a burst ending in Enter as one scan', () => {
    const outcomes = typed(new WedgeDecoder(), 'RR123456785DJ', 8);
    expect(outcomes.at(-1)).toEqual({ kind: 'scan', code: 'RR123456785DJ' });
    expect(outcomes.slice(0, -1).every((outcome) => outcome.kind === 'key')).toBe(true);
  });

  it('decodes from the physical key: AZERTY’s & é " on the digit row still read 1 2 3', () => {
    const decoder = new WedgeDecoder();
    // What an AZERTY PC reports for a US-layout scanner typing "123": key is &, é, " but code is Digit1..3.
    for (const [index, code] of ['Digit1', 'Digit2', 'Digit3', 'Digit4'].entries()) decoder.push({ code, shiftKey: false, time: 10 + index * 5 });
    expect(decoder.push({ code: 'Enter', shiftKey: false, time: 30 })).toEqual({ kind: 'scan', code: '1234' });
    expect(characterOf('KeyQ', false)).toBe('q');
    expect(characterOf('Numpad7', false)).toBe('7');
    expect(characterOf('Digit1', true)).toBe('!');
    expect(characterOf('ArrowLeft', false)).toBeNull();
  });

  it('takes a person typing for a person: slow keys and Enter are not a scan', () => {
    expect(typed(new WedgeDecoder(), '1234', 120).at(-1)).toEqual({ kind: 'ignored' });
  });

  it('refuses a burst too short to be a code, and one whose Enter comes late', () => {
    expect(typed(new WedgeDecoder(), '12', 5).at(-1)).toEqual({ kind: 'ignored' });
    const decoder = new WedgeDecoder();
    for (const [index, code] of ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5'].entries()) decoder.push({ code, shiftKey: false, time: index * 5 });
    expect(decoder.push({ code: 'Enter', shiftKey: false, time: 20 + 500 })).toEqual({ kind: 'ignored' });
  });

  it('starts afresh after a pause: what a person typed before the scan does not stick to the code', () => {
    const decoder = new WedgeDecoder();
    decoder.push({ code: 'KeyX', shiftKey: false, time: 0 });
    decoder.push({ code: 'KeyY', shiftKey: false, time: 200 });
    expect(typed(decoder, 'CP000000001DJ', 6, 2000).at(-1)).toEqual({ kind: 'scan', code: 'CP000000001DJ' });
  });

  it('lets Shift inside a burst pass without breaking it, and a non-character key break it', () => {
    const decoder = new WedgeDecoder();
    const keys: WedgeKey[] = [
      { code: 'ShiftLeft', shiftKey: true, time: 0 },
      { code: 'KeyR', shiftKey: true, time: 4 },
      { code: 'ShiftLeft', shiftKey: true, time: 8 },
      { code: 'KeyR', shiftKey: true, time: 12 },
      { code: 'Digit1', shiftKey: false, time: 16 },
      { code: 'Minus', shiftKey: false, time: 20 },
      { code: 'Digit2', shiftKey: false, time: 24 },
    ];
    keys.forEach((key) => decoder.push(key));
    expect(decoder.push({ code: 'NumpadEnter', shiftKey: false, time: 28 })).toEqual({ kind: 'scan', code: 'RR1-2' });

    for (const [index, code] of ['Digit1', 'Digit2', 'ArrowLeft', 'Digit3', 'Digit4'].entries()) decoder.push({ code, shiftKey: false, time: 100 + index * 4 });
    expect(decoder.push({ code: 'Enter', shiftKey: false, time: 124 })).toEqual({ kind: 'ignored' });
  });
});
