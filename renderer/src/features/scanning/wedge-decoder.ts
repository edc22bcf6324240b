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
  /**
   * Quick characters after which a burst is taken for a scanner: from the one that makes this
   * many, its keys are held back from the page (at most `minLength`, so every scan is held).
   */
  holdAfter: number;
}

export const WEDGE_DEFAULTS: WedgeOptions = { maxGapMs: 50, minLength: 4, holdAfter: 3 };

/**
 * What to do with a key:
 * - `pass`: let it reach the page as usual, after putting back `release` (the held keys of a
 *   burst that turned out not to be a scan; usually empty).
 * - `hold`: a scanner's key: keep it from the page. `retract`: the burst's first characters,
 *   which reached the page before the burst could be told from typing (only on the key that
 *   tells it).
 * - `scan`: the Enter that ends a scan: keep it from the page too, hand `code` over; `retract` as
 *   for `hold` (empty unless the burst was never held).
 */
export type WedgeOutcome =
  | { kind: 'pass'; release: string }
  | { kind: 'hold'; retract: string }
  | { kind: 'scan'; code: string; retract: string };

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

const PASS: WedgeOutcome = { kind: 'pass', release: '' };

/**
 * Timing decides, and the first keys of a scan look like typing: they reach the page until the
 * burst is recognised (`holdAfter` quick keys). From then on the decoder holds the keys back, and
 * tells the caller to take back the ones that got through, so a scan never lands in the focused
 * field. A burst that then stops without its Enter was a very fast person after all: its held
 * keys are released to the page, in order, before the next key or once the line goes quiet.
 */
export class WedgeDecoder {
  /** Characters of the current burst that reached the page. */
  private landed = '';
  /** Characters of the current burst held back since it was recognised (including the retracted ones). */
  private held = '';
  private lastTime = Number.NEGATIVE_INFINITY;
  private readonly holdAfter: number;

  constructor(private readonly options: WedgeOptions = WEDGE_DEFAULTS) {
    this.holdAfter = Math.max(1, Math.min(options.holdAfter, options.minLength));
  }

  push(key: WedgeKey): WedgeOutcome {
    // Shift pressed for a capital letter comes inside the burst; it neither breaks nor extends it.
    if (isModifier(key.code)) return PASS;
    const quick = key.time - this.lastTime <= this.options.maxGapMs;
    if (isEnter(key.code)) {
      const code = this.landed + this.held;
      if (quick && code.length >= this.options.minLength) {
        const retract = this.landed;
        this.reset();
        return { kind: 'scan', code, retract };
      }
      return { kind: 'pass', release: this.cancel() };
    }
    const character = characterOf(key.code, key.shiftKey);
    if (character === null) return { kind: 'pass', release: this.cancel() };
    if (!quick) {
      // A slow key starts a new possible burst: a person typed, or a scan begins right now.
      const release = this.cancel();
      this.landed = character;
      this.lastTime = key.time;
      return { kind: 'pass', release };
    }
    this.lastTime = key.time;
    if (this.held) {
      this.held += character;
      return { kind: 'hold', retract: '' };
    }
    if (this.landed.length + 1 >= this.holdAfter) {
      const retract = this.landed;
      this.held = this.landed + character;
      this.landed = '';
      return { kind: 'hold', retract };
    }
    this.landed += character;
    return PASS;
  }

  /** Held keys to release once the line has been quiet longer than a scan's gap at `now`; else ''. */
  expire(now: number): string {
    return this.held && now - this.lastTime > this.options.maxGapMs ? this.cancel() : '';
  }

  /** Ends the current burst (a shortcut, a held key); returns the held keys, which belong to the page. */
  cancel(): string {
    const release = this.held;
    this.reset();
    return release;
  }

  reset(): void {
    this.landed = '';
    this.held = '';
    this.lastTime = Number.NEGATIVE_INFINITY;
  }
}
