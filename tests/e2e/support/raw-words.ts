import { methods } from '@shared/contract';
import { en } from '../../../renderer/src/i18n/en';
import { fr } from '../../../renderer/src/i18n/fr';
import { ar } from '../../../renderer/src/i18n/ar';

/** Codes that must never reach a clerk's eyes: each has words in the catalog. */
const rawCodes: readonly [string, RegExp][] = [
  ['message key', /\b[a-z]+\.[a-z]+\.[a-zA-Z]/],
  ['product code', /\bMAIL-[A-Z]+/],
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  ['account code', /\btill-cash:|\bsafe-cash:|\bcustomer-[a-z]+:/],
  ['unfilled placeholder', /\{[a-zA-Z]+\}/],
  ['device role', /\((receipt-printer|scale|cash-drawer|label-printer|scanner)\)/],
  ['weight source', /\((MANUAL|SCALE)\)/],
  ['action code', /(?<![\w.])(ledger|till|session|account|device|branch|pickup|print|mail|replication)\.[a-z][a-zA-Z-]+/],
  ['raw JSON', /\{"[a-zA-Z]+":/],
  ['method name', new RegExp(`(?<![\\w.])(${Object.keys(methods).map((m) => m.replace('.', '\\.')).join('|')})(?![\\w])`)],
];

/**
 * Distinctive English catalog sentences: several words, no placeholder, different
 * from every French and Arabic value. Seeing one on a French or Arabic screen
 * means a string bypassed the catalog.
 */
export const englishOnly = (() => {
  const others = [...Object.values(fr), ...Object.values(ar)].join('\n');
  return [...new Set(Object.values(en))].filter(
    (value) => !/[{}<]/.test(value) && value.trim().split(/\s+/).length >= 3 && value.length >= 14 && !others.includes(value),
  );
})();

/** What on a French or Arabic screen is a raw code or an English sentence, with some context. */
export function findLeaks(text: string): string[] {
  const found: string[] = [];
  for (const [name, pattern] of rawCodes) {
    const match = pattern.exec(text);
    if (match) found.push(`${name}: «${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30)}»`);
  }
  for (const value of englishOnly) if (text.includes(value)) found.push(`English: «${value}»`);
  return found;
}
