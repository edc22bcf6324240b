// Every message is ICU MessageFormat, read by FormatJS in its own language: plurals follow each
// language's rules (Arabic's six forms), and in Arabic a value such as an amount goes in as an
// isolate so its digits keep their order.
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { intlLocale } from '../../renderer/src/i18n/locale';
import { translate } from '../../renderer/src/i18n/translate';
import type { Language } from '@shared/roles';

const options = (language: Language) => ({ locale: intlLocale(language, 'DJ'), rtl: language === 'ar' });

describe('catalog messages', () => {
  it.each(['fr', 'en', 'ar'] as const)('all parse as ICU messages in %s', (language) => {
    const broken = Object.entries(catalogs[language]).flatMap(([key, message]) => {
      try {
        new IntlMessageFormat(message, intlLocale(language, 'DJ'));
        return [];
      } catch (error) {
        return [`${key}: ${String(error)}`];
      }
    });
    expect(broken).toEqual([]);
  });

  it('says how many tills are open by each language’s plural rules', () => {
    const open = (language: Language, count: number) => translate(catalogs[language], 'status.till.open', { count }, options(language));
    expect([1, 2, 5].map((n) => open('fr', n))).toEqual(['1 ouverte', '2 ouvertes', '5 ouvertes']);
    // Arabic: one, two, few (3–10), many (11–99), other (100…): five different words here.
    const arabic = [1, 2, 3, 11, 100].map((n) => open('ar', n));
    expect(new Set(arabic).size).toBe(5);
    expect(arabic[0]).toBe('صندوق واحد مفتوح');
    expect(arabic[2]).toBe('3 صناديق مفتوحة');
  });

  it('isolates values in Arabic so an amount keeps its digit groups, and leaves French alone', () => {
    const amount = '1 450 DJF';
    expect(translate(catalogs.ar, 'sale.confirm', { amount }, options('ar'))).toContain('\u20681 450 DJF\u2069');
    expect(translate(catalogs.fr, 'sale.confirm', { amount }, options('fr'))).toContain('1 450 DJF');
    expect(translate(catalogs.fr, 'sale.confirm', { amount }, options('fr'))).not.toContain('\u2068');
  });

  it('keeps a missing parameter visible instead of failing the screen', () => {
    expect(translate(catalogs.fr, 'sale.confirm', {}, options('fr'))).toContain('{amount}');
  });
});

describe('dates', () => {
  it('write the day before the month in every language of the counter', () => {
    const at = '2026-12-07T16:48:00Z';
    const formatted = (['fr', 'en', 'ar'] as const).map((language) => new Intl.DateTimeFormat(intlLocale(language, 'DJ'), { dateStyle: 'short', timeZone: 'UTC' }).format(new Date(at)));
    for (const text of formatted) expect(text.replace(/[^\d/]/g, '')).toMatch(/^0?7\/12\/(20)?26$/);
  });
});
