import { z } from 'zod';

/**
 * One text rule for every string that comes in through the contract. What a clerk or a
 * technician types is stored in the ledger, hashed, replicated to PostgreSQL and printed;
 * each of those breaks on some characters (PostgreSQL refuses NUL, SQLite turns a lone
 * surrogate into U+FFFD so the row no longer matches its hash, a right-to-left override
 * makes a receipt lie). So, for every input string:
 * - well-formed UTF-16 (no lone surrogate);
 * - normalised to NFC — we normalise rather than refuse: a keyboard or a pasted name in
 *   decomposed form is not the clerk's fault, and the value the handler receives (and
 *   therefore hashes and stores) is the normalised one, so branch and head office hash the
 *   same bytes;
 * - no control characters (C0, DEL, C1, U+2028/U+2029), except tab and newline in free text
 *   (notes, reasons, addresses, pasted certificates);
 * - no bidi embedding, override or isolate controls (U+202A–U+202E, U+2066–U+2069);
 * - in codes and references, no invisible format character at all (bidi marks U+200E/U+200F/
 *   U+061C, zero-width spaces and joiners, the BOM…): two references that look the same must
 *   be the same, or the UNIQUE rule on references could be walked around;
 * - a maximum length per field (UTF-16 units, after normalising and trimming); a value many
 *   times too long is refused before any work is spent on it.
 * A refusal is an issue on the field whose `code` names the reason (`TEXT_REFUSALS`); the
 * router hands it to the window as INVALID_INPUT, and the renderer says it in the user's words.
 */

export const TEXT_REFUSALS = ['text-lone-surrogate', 'text-control-character', 'text-bidi-control', 'text-invisible-character'] as const;
export type TextRefusal = (typeof TEXT_REFUSALS)[number];

/** The kinds of text the contract takes in; the registry below records which one a field is. */
export type TextKind = 'code' | 'reference' | 'name' | 'note' | 'secret' | 'device-bytes';

/**
 * Every string schema built here is registered with its kind, so a test can walk the contract
 * and find any input string made without the rule (a clone — `.regex()`, `.min()` — inherits it).
 */
export const textRules = z.registry<{ textKind: TextKind }>();

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** C0, DEL, C1 and the Unicode line and paragraph separators. */
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same, tab (U+0009) and newline (U+000A) allowed. */
const CONTROL_BUT_TAB_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** Device bytes: anything outside U+0001–U+00FF (a scale's terminator is bytes, controls are its point). */
const NOT_A_DEVICE_BYTE = /[^\u0001-\u00ff]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** Every format character (Unicode category Cf): bidi marks, zero-width characters, BOM, soft hyphen… */
const FORMAT_CHARACTER = /\p{Cf}/u;

/** A value this many times its limit is refused before it is normalised or scanned. */
const RAW_SLACK = 4;

interface Refusal {
  pattern: RegExp;
  reason: TextRefusal;
  message: string;
}

const refusals: Record<'controls' | 'free-text' | 'device-bytes' | 'bidi' | 'invisible', Refusal> = {
  controls: { pattern: ANY_CONTROL, reason: 'text-control-character', message: 'contains a control character or a line break' },
  'free-text': { pattern: CONTROL_BUT_TAB_NEWLINE, reason: 'text-control-character', message: 'contains a control character' },
  'device-bytes': { pattern: NOT_A_DEVICE_BYTE, reason: 'text-control-character', message: 'only bytes U+0001–U+00FF' },
  bidi: { pattern: BIDI_CONTROL, reason: 'text-bidi-control', message: 'contains a bidi embedding, override or isolate control' },
  invisible: { pattern: FORMAT_CHARACTER, reason: 'text-invisible-character', message: 'contains an invisible format character' },
};

const RULES: Record<TextKind, { trim: boolean; refuse: ReadonlyArray<keyof typeof refusals> }> = {
  code: { trim: true, refuse: ['controls', 'bidi', 'invisible'] },
  reference: { trim: true, refuse: ['controls', 'bidi', 'invisible'] },
  name: { trim: true, refuse: ['controls', 'bidi'] },
  note: { trim: true, refuse: ['free-text', 'bidi'] },
  // A secret is hashed as typed: never trimmed, but normalised so the same PIN or password
  // typed on another keyboard gives the same bytes.
  secret: { trim: false, refuse: ['controls', 'bidi'] },
  'device-bytes': { trim: false, refuse: ['device-bytes'] },
};

function textSchema(kind: TextKind, max: number): z.ZodString {
  const rule = RULES[kind];
  let schema = z
    .string()
    .check((payload) => {
      if (payload.value.length > max * RAW_SLACK) {
        payload.issues.push({ code: 'too_big', maximum: max, origin: 'string', inclusive: true, input: payload.value, continue: false });
      }
    })
    .refine((value) => !LONE_SURROGATE.test(value), { message: 'contains a lone surrogate', abort: true, params: { reason: 'text-lone-surrogate' } })
    .normalize('NFC');
  // Free text keeps its lines, written one way: a PEM or an address pasted from a Windows file
  // arrives with CRLF, which is a line break, not a control character to refuse.
  if (kind === 'note') schema = schema.overwrite((value) => value.replace(/\r\n?/g, '\n'));
  if (rule.trim) schema = schema.trim();
  for (const { pattern, reason, message } of rule.refuse.map((refusal) => refusals[refusal])) {
    schema = schema.refine((value) => !pattern.test(value), { message, abort: true, params: { reason } });
  }
  // The bound aborts: a field that is too long says so once, not again for the format after it.
  return schema.max(max, { abort: true }).register(textRules, { textKind: kind });
}

/** A code or id made by the system or picked from a list (product, reason, device, session…). */
export const code = (max: number): z.ZodString => textSchema('code', max);
/** An identifier a person types or scans (S10 number, sale reference, pickup code, document number). */
export const reference = (max: number): z.ZodString => textSchema('reference', max);
/** One line a person writes: a name, a locality, a search, a description. */
export const name = (max: number): z.ZodString => textSchema('name', max);
/** Free text over several lines: a note, a reason, an explanation, an address, pasted PEM. */
export const note = (max: number): z.ZodString => textSchema('note', max);
/** A PIN or password: never trimmed, normalised before it is hashed. */
export const secret = (max: number): z.ZodString => textSchema('secret', max);
/** Bytes a device sends, written as text (a scale's line terminator): control characters are allowed. */
export const deviceBytes = (max: number): z.ZodString => textSchema('device-bytes', max);

/** The reason a text issue names, if it is one of ours. */
export const textRefusalOf = (issue: { code: string; params?: unknown }): TextRefusal | null => {
  if (issue.code !== 'custom' || typeof issue.params !== 'object' || issue.params === null) return null;
  const reason = (issue.params as { reason?: unknown }).reason;
  return TEXT_REFUSALS.find((known) => known === reason) ?? null;
};
