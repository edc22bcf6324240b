import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CallRequest, methods } from '@shared/contract';
import { textRules } from '@shared/contract/text';

/** A string schema found in a method's input, with where it sits (`lines[].reference`). */
interface Leaf {
  path: string;
  schema: z.ZodType;
}

interface Found {
  strings: Leaf[];
  /** Objects that keep unknown keys, and schemas this walk cannot see into (they could hide a string). */
  loose: string[];
  opaque: string[];
}

/** Walks a schema the way zod 4 parses it and collects every string leaf and every non-strict object. */
function walk(schema: z.ZodType, path: string, found: Found, seen = new Set<z.ZodType>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case 'string':
      found.strings.push({ path, schema });
      return;
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      if (catchall?._zod.def.type !== 'never') found.loose.push(path || '(input)');
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) walk(value, path ? `${path}.${key}` : key, found, seen);
      return;
    }
    case 'array':
      walk(inner('element'), `${path}[]`, found, seen);
      return;
    case 'union':
      for (const option of def.options as z.ZodType[]) walk(option, path, found, seen);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      walk(inner('innerType'), path, found, seen);
      return;
    case 'pipe':
      walk(inner('in'), path, found, seen);
      return;
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
      return;
    default:
      found.opaque.push(`${path || '(input)'}: ${def.type}`);
  }
}

function inputsOf(): Found {
  const found: Found = { strings: [], loose: [], opaque: [] };
  for (const [name, spec] of Object.entries(methods)) walk(spec.input as z.ZodType, name, found);
  // The supervisor's credentials ride in the envelope, beside the input.
  walk(CallRequest.shape.approval, 'envelope.approval', found);
  return found;
}

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
  const found = inputsOf();

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
    expect(note.safeParse('a\rb').success).toBe(false);
  });
});
