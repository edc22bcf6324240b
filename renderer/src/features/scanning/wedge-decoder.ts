// A keyboard-wedge scanner types its code as keystrokes a few milliseconds apart and ends with
// Enter. We tell it from a person by the timing, and read each key from `KeyboardEvent.code` (the
// physical key the scanner pressed, named after the US layout it emulates) rather than `key`
// (what the current layout makes of it): on an AZERTY counter PC the digits row types `&é"'(`.

export interface WedgeKey {
  /** `KeyboardEvent.code`: `Digit1`, `KeyA`, `Enter`… */
  code: string;
  shiftKey: boolean;
  /** `KeyboardEvent.timeStamp`, in milliseconds. */
  time: number;
}

export interface WedgeOptions {
  /** Longest pause between two keys of one scan; people type slower than this. */
  maxGapMs: number;
  /** Shortest code taken for a scan: two quick keys and Enter are a person. */
  minLength: number;
}

export const WEDGE_DEFAULTS: WedgeOptions = { maxGapMs: 50, minLength: 4 };

/** `scan`: the burst ended in Enter (swallow that Enter). `key`: part of a possible burst. `ignored`: not ours. */
export type WedgeOutcome = { kind: 'scan'; code: string } | { kind: 'key' } | { kind: 'ignored' };

const US_SHIFTED_DIGITS = ')!@#$%^&*(';
const PUNCTUATION: Record<string, [plain: string, shifted: string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

/** The character a US-layout keyboard gives for this physical key; null for keys that type nothing. */
export function characterOf(code: string, shiftKey: boolean): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter?.[1]) return shiftKey ? letter[1] : letter[1].toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit?.[1]) return shiftKey && code.startsWith('Digit') ? (US_SHIFTED_DIGITS[Number(digit[1])] ?? null) : digit[1];
  const punctuation = PUNCTUATION[code];
  return punctuation ? punctuation[shiftKey ? 1 : 0] : null;
}

const isEnter = (code: string) => code === 'Enter' || code === 'NumpadEnter';
const isModifier = (code: string) => /^(Shift|Control|Alt|Meta)(Left|Right)$/.test(code) || code === 'CapsLock';

export class WedgeDecoder {
  private buffer = '';
  private lastTime = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WedgeOptions = WEDGE_DEFAULTS) {}

  push(key: WedgeKey): WedgeOutcome {
    // Shift pressed for a capital letter comes inside the burst; it neither breaks nor extends it.
    if (isModifier(key.code)) return { kind: 'ignored' };
    const quick = key.time - this.lastTime <= this.options.maxGapMs;
    if (isEnter(key.code)) {
      const code = this.buffer;
      this.reset();
      return quick && code.length >= this.options.minLength ? { kind: 'scan', code } : { kind: 'ignored' };
    }
    const character = characterOf(key.code, key.shiftKey);
    if (character === null) {
      this.reset();
      return { kind: 'ignored' };
    }
    // A slow key starts a new possible burst: a person typed, or a scan begins right now.
    this.buffer = quick ? this.buffer + character : character;
    this.lastTime = key.time;
    return { kind: 'key' };
  }

  reset(): void {
    this.buffer = '';
    this.lastTime = Number.NEGATIVE_INFINITY;
  }
}
