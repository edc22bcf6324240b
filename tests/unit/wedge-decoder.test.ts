// The keyboard-wedge decoder: timing tells a scanner from a person, KeyboardEvent.code gives the
// character the scanner meant whatever the PC's layout (AZERTY turns the digit row into &é"'(),
// and once a burst is recognised its keys are held back so a scan never lands in the focused field.
import { describe, expect, it } from 'vitest';
import { characterOf, WedgeDecoder, type WedgeKey, type WedgeOutcome } from '../../renderer/src/features/scanning/wedge-decoder';

const codeOf = (character: string): { code: string; shiftKey: boolean } => {
  if (/[A-Z]/.test(character)) return { code: `Key${character}`, shiftKey: true };
  if (/[a-z]/.test(character)) return { code: `Key${character.toUpperCase()}`, shiftKey: false };
  if (/\d/.test(character)) return { code: `Digit${character}`, shiftKey: false };
  if (character === '-') return { code: 'Minus', shiftKey: false };
  throw new Error(`no key for ${character}`);
};

/** Keys `gapMs` apart, starting at `start` (optionally ending with Enter); returns every outcome. */
const typed = (decoder: WedgeDecoder, text: string, gapMs: number, start = 1000, enter = true): WedgeOutcome[] => {
  const keys: WedgeKey[] = [...text].map((character, index) => ({ ...codeOf(character), time: start + index * gapMs }));
  if (enter) keys.push({ code: 'Enter', shiftKey: false, time: start + text.length * gapMs });
  return keys.map((key) => decoder.push(key));
};

/** What the focused field shows after these outcomes, for the keys typed (a page that honours them). */
const fieldAfter = (text: string, outcomes: WedgeOutcome[]): string => {
  let field = '';
  [...text, '\n'].forEach((character, index) => {
    const outcome = outcomes[index];
    if (!outcome) return;
    if (outcome.kind === 'pass') field += outcome.release + (character === '\n' ? '' : character);
    else if (outcome.retract) field = field.slice(0, field.length - outcome.retract.length);
  });
  return field;
};

const PASS = { kind: 'pass', release: '' };

describe('keyboard-wedge decoding', () => {
  it('reads a burst ending in Enter as one scan', () => {
    const outcomes = typed(new WedgeDecoder(), 'RR123456785DJ', 8);
    expect(outcomes.at(-1)).toEqual({ kind: 'scan', code: 'RR123456785DJ', retract: '' });
  });

  it('decodes from the physical key: AZERTY’s & é " on the digit row still read 1 2 3', () => {
    const decoder = new WedgeDecoder();
    // What an AZERTY PC reports for a US-layout scanner typing "123": key is &, é, " but code is Digit1..3.
    for (const [index, code] of ['Digit1', 'Digit2', 'Digit3', 'Digit4'].entries()) decoder.push({ code, shiftKey: false, time: 10 + index * 5 });
    expect(decoder.push({ code: 'Enter', shiftKey: false, time: 30 })).toEqual({ kind: 'scan', code: '1234', retract: '' });
    expect(characterOf('KeyQ', false)).toBe('q');
    expect(characterOf('Numpad7', false)).toBe('7');
    expect(characterOf('Digit1', true)).toBe('!');
    expect(characterOf('ArrowLeft', false)).toBeNull();
  });

  it('takes a person typing for a person: every key and the Enter reach the page', () => {
    const outcomes = typed(new WedgeDecoder(), '1234', 120);
    expect(outcomes).toEqual([PASS, PASS, PASS, PASS, PASS]);
  });

  it('refuses a burst too short to be a code, and one whose Enter comes late; their keys go back to the page', () => {
    // Three quick keys are held, but Enter after three characters is no code: they are released before the Enter.
    const short = typed(new WedgeDecoder(), 'abc', 5);
    expect(short.at(-1)).toEqual({ kind: 'pass', release: 'abc' });
    expect(fieldAfter('abc', short)).toBe('abc');
    const decoder = new WedgeDecoder();
    for (const [index, code] of ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5'].entries()) decoder.push({ code, shiftKey: false, time: index * 5 });
    expect(decoder.push({ code: 'Enter', shiftKey: false, time: 20 + 500 })).toEqual({ kind: 'pass', release: '12345' });
  });

  it('starts afresh after a pause: what a person typed before the scan stays, and does not stick to the code', () => {
    const decoder = new WedgeDecoder();
    const person = [decoder.push({ code: 'KeyX', shiftKey: false, time: 0 }), decoder.push({ code: 'KeyY', shiftKey: false, time: 200 })];
    expect(person).toEqual([PASS, PASS]);
    const scan = typed(decoder, 'CP000000001DJ', 6, 2000);
    expect(scan.at(-1)).toEqual({ kind: 'scan', code: 'CP000000001DJ', retract: '' });
    expect(fieldAfter('CP000000001DJ', scan)).toBe('');
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
    expect(decoder.push({ code: 'NumpadEnter', shiftKey: false, time: 28 })).toEqual({ kind: 'scan', code: 'RR1-2', retract: '' });

    const outcomes = ['Digit1', 'Digit2', 'Digit3', 'ArrowLeft', 'Digit4', 'Digit5'].map((code, index) => decoder.push({ code, shiftKey: false, time: 100 + index * 4 }));
    // The arrow ends the held burst: "123" goes back to the page before the arrow moves the caret.
    expect(outcomes[3]).toEqual({ kind: 'pass', release: '123' });
    expect(decoder.push({ code: 'Enter', shiftKey: false, time: 124 })).toEqual({ kind: 'pass', release: '' });
  });
});

describe('a scan never lands in the focused field', () => {
  it('lets the first two keys through, then holds the burst and takes those two back', () => {
    const outcomes = typed(new WedgeDecoder(), 'RR123456785DJ', 8);
    expect(outcomes.slice(0, 3)).toEqual([PASS, PASS, { kind: 'hold', retract: 'RR' }]);
    expect(outcomes.slice(3, -1).every((outcome) => outcome.kind === 'hold' && outcome.retract === '')).toBe(true);
    expect(fieldAfter('RR123456785DJ', outcomes)).toBe('');
  });

  it('keeps what the person had typed in the field before the scan', () => {
    const decoder = new WedgeDecoder();
    const person = typed(decoder, 'Abdi', 150, 0, false);
    const scan = typed(decoder, 'RR123456785DJ', 5, 5000);
    expect(fieldAfter('Abdi', person) + fieldAfter('RR123456785DJ', scan)).toBe('Abdi');
    expect(scan.at(-1)).toMatchObject({ kind: 'scan', code: 'RR123456785DJ' });
  });

  it('a very fast person is not robbed: a held burst that stops without Enter is released, in order', () => {
    const decoder = new WedgeDecoder();
    const burst = typed(decoder, 'les', 20, 0, false);
    expect(burst.at(-1)).toEqual({ kind: 'hold', retract: 'le' });
    // Nothing within the gap: the held keys stay held; after it, they are released.
    expect(decoder.expire(40 + 30)).toBe('');
    expect(decoder.expire(40 + 51)).toBe('les');
    expect(decoder.expire(40 + 200)).toBe('');
    // The next slow key types normally.
    expect(decoder.push({ code: 'KeyT', shiftKey: false, time: 400 })).toEqual(PASS);
  });

  it('a slow key after a held burst releases the burst before itself', () => {
    const decoder = new WedgeDecoder();
    typed(decoder, 'abcd', 10, 0, false);
    expect(decoder.push({ code: 'KeyE', shiftKey: false, time: 300 })).toEqual({ kind: 'pass', release: 'abcd' });
  });

  it('a shortcut cancels a held burst and gives its keys back', () => {
    const decoder = new WedgeDecoder();
    typed(decoder, '9876', 5, 0, false);
    expect(decoder.cancel()).toBe('9876');
    expect(decoder.cancel()).toBe('');
  });

  it('never waits longer than the shortest code to hold: every scan is held before its Enter', () => {
    const decoder = new WedgeDecoder({ maxGapMs: 50, minLength: 2, holdAfter: 5 });
    const outcomes = typed(decoder, '12', 5);
    expect(outcomes).toEqual([PASS, { kind: 'hold', retract: '1' }, { kind: 'scan', code: '12', retract: '' }]);
  });
});
