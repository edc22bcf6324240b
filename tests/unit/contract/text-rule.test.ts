import { describe, expect, it } from 'vitest';
import { methods } from '@shared/contract';
import { textRules } from '@shared/contract/text';
import { contractInputs } from '../../support/contract-walk';

// Each a way a stored, hashed, replicated or printed string broke before the rule.
const ATTACKS: Record<string, string> = {
  nul: 'RR00\u00000001DJ',
  'lone high surrogate': 'RR\ud800X',
  'lone low surrogate': 'oops\udfff',
  'right-to-left override': 'RR\u202e123',
  'bidi isolate': 'RR\u2067123',
  'escape sequence': 'RR\u001b[2J',
  'C1 control': 'RR\u0085X',
  DEL: 'RR\u007fX',
  'line separator': 'RR\u2028X',
};

describe('the contract text rule', () => {
  const found = contractInputs();

  it('sees every input string (the walk is not blind to some schema kind)', () => {
    expect(found.opaque).toEqual([]);
    expect(found.strings.length).toBeGreaterThan(60);
  });

  it('builds every input string with the rule (shared/contract/text.ts)', () => {
    const bare = found.strings.filter(({ schema }) => textRules.get(schema) === undefined).map(({ path }) => path);
    expect(bare).toEqual([]);
  });

  it('makes every input object strict: an unknown key is refused, never dropped', () => {
    expect(found.loose).toEqual([]);
  });

  it.each(Object.entries(ATTACKS))('refuses %s in every input string', (_, attack) => {
    const accepted = found.strings.filter(({ schema }) => {
      const kind = textRules.get(schema)?.textKind;
      // A scale's terminator is control bytes by nature; it still refuses anything above U+00FF.
      if (kind === 'device-bytes' && /^[\u0001-\u00ff]*$/.test(attack)) return false;
      return schema.safeParse(attack).success;
    });
    expect(accepted.map(({ path }) => path)).toEqual([]);
  });

  it('refuses, in every input string, a value longer than its field allows', () => {
    const unbounded = found.strings.filter(({ schema }) => schema.safeParse('7'.repeat(70_000)).success).map(({ path }) => path);
    expect(unbounded).toEqual([]);
  });

  it('hands the handler the NFC form of what it accepts, so it is what gets hashed and stored', () => {
    const decomposed = 'Ame\u0301lie'; // "Amélie" with a combining acute accent
    const names = found.strings.filter(({ schema }) => schema.safeParse(decomposed).success);
    expect(names.length).toBeGreaterThan(10);
    for (const { schema } of names) expect(schema.parse(decomposed)).toBe('Amélie'.normalize('NFC'));
  });

  it('keeps bidi marks out of codes and references but lets names and notes carry them', () => {
    const withMark = 'RR\u200f123';
    for (const { path, schema } of found.strings) {
      const kind = textRules.get(schema)?.textKind;
      if (kind === 'code' || kind === 'reference') expect(schema.safeParse(withMark).success, path).toBe(false);
    }
    const sale = methods['sale.complete'].input.shape.lines.element.shape.reference;
    expect(sale.safeParse('RR\u200e123456785DJ').success).toBe(false);
    expect(sale.safeParse('RR\u200b123456785DJ').success).toBe(false);
    const reason = methods['till.voidOperation'].input.shape.reason;
    expect(reason.parse('خطأ \u200fالعميل\nligne 2\tfin')).toBe('خطأ \u200fالعميل\nligne 2\tfin');
  });

  it('lets tab and newline through free text only', () => {
    const note = methods['till.paidIn'].input.shape.note;
    expect(note.parse('sous le comptoir\n\tderrière')).toBe('sous le comptoir\n\tderrière');
    const reference = methods['sale.complete'].input.shape.lines.element.shape.reference;
    expect(reference.safeParse('RR12\n3456785DJ').success).toBe(false);
    // A line break written the Windows or old-Mac way is a line break: kept, as one newline.
    expect(note.parse('a\r\nb\rc')).toBe('a\nb\nc');
    expect(note.safeParse('a\u0007b').success).toBe(false);
    expect(note.safeParse('a\u000bb').success).toBe(false);
  });
});
