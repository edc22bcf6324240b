import { describe, expect, it } from 'vitest';
import { TEXT_REFUSALS } from '@shared/contract';
import { invalidInputText } from '../../renderer/src/components/invalid-input-text';
import { ar } from '../../renderer/src/i18n/ar';
import { en } from '../../renderer/src/i18n/en';
import { fr, type Catalog } from '../../renderer/src/i18n/fr';
import { isMessageKey, translate, type MessageParams } from '../../renderer/src/i18n/translate';
import { contractInputs } from '../support/contract-walk';

/** The provider's tryT, on one catalog. */
const tryTIn = (catalog: Catalog) => (key: string, fallback: string, params?: MessageParams) =>
  isMessageKey(catalog, key) ? translate(catalog, key, params) : fallback;

/** The details the router gives for the issue-11 attacks (tests/integration/text-hygiene.test.ts). */
const nulInReference = { issues: [{ path: 'lines.0.reference', code: 'text-control-character', message: 'contains a control character' }] };
const tooLong = { issues: [{ path: 'lines.0.reference', code: 'too_big', limit: 40, origin: 'string', message: 'Too big' }] };

describe('an INVALID_INPUT in the user\'s words', () => {
  it('names every string field of the contract\'s inputs in the catalogs', () => {
    const fields = new Set(contractInputs().strings.map(({ path }) => path.split('.').pop()!.replace(/\[\]$/, '')));
    const missing = [...fields].filter((field) => !isMessageKey(fr, `field.${field}`));
    expect(missing).toEqual([]);
  });

  it('has a reason for every refusal of the text rule', () => {
    for (const refusal of TEXT_REFUSALS) expect(isMessageKey(fr, `input.issue.${refusal}`)).toBe(true);
  });

  it('says which field and why, in French, English and Arabic', () => {
    expect(invalidInputText(nulInReference, tryTIn(fr))).toBe('Référence : contient un caractère de contrôle ou un saut de ligne, interdit ici.');
    expect(invalidInputText(nulInReference, tryTIn(en))).toBe('Reference: contains a control character or a line break, not allowed here.');
    expect(invalidInputText(nulInReference, tryTIn(ar))).toBe('المرجع: يحتوي على حرف تحكم أو سطر جديد غير مسموح به هنا.');
    expect(invalidInputText(tooLong, tryTIn(en))).toBe('Reference: too long (at most 40 characters).');
    expect(invalidInputText(tooLong, tryTIn(fr))).toBe('Référence : trop long (40 caractères au plus).');
  });

  it('still gives a reason for a field it has no name for, and nothing without an issue', () => {
    const unnamed = { issues: [{ path: 'mystery', code: 'text-bidi-control', message: '' }] };
    expect(invalidInputText(unnamed, tryTIn(en))).toBe('Entry refused: contains a character that reverses the writing direction.');
    expect(invalidInputText({ rule: 'till-state' }, tryTIn(en))).toBeNull();
    expect(invalidInputText(undefined, tryTIn(en))).toBeNull();
  });
});
