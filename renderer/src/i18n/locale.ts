import type { Language } from '@shared/roles';

export type Direction = 'ltr' | 'rtl';

export const directionOf = (language: Language): Direction => (language === 'ar' ? 'rtl' : 'ltr');

/**
 * The Intl locale: the language in the branch's country (fr-DJ, ar-DJ, fr-CG; en-001 for English),
 * so dates and separators follow local habit. Latin digits in Arabic because
 * amounts must match receipts, till counts and the head office's figures.
 */
export function intlLocale(language: Language, country: string | undefined): string {
  // English of Djibouti or Congo is missing from the browsers' locale data, which then falls back
  // to US English (12/7/26); international English (en-001) writes the day first, as both do.
  if (language === 'en') return 'en-001';
  const base = country ? `${language}-${country}` : language;
  return language === 'ar' ? `${base}-u-nu-latn` : base;
}
