import { createContext, useContext } from 'react';
import type { Language } from '@shared/roles';
import type { Direction } from './locale';
import type { MessageKey } from './fr';
import type { MessageParams } from './translate';

export interface I18n {
  language: Language;
  dir: Direction;
  /** The Intl locale, e.g. fr-DJ. */
  locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  /** Translates a key built from data, or returns `fallback` when the catalog has no such key. */
  tryT(key: string, fallback: string, params?: MessageParams): string;
  setLanguage(language: Language): void;
  /** Integer minor units in the branch currency. */
  money(minorUnits: number): string;
  dateTime(iso: string): string;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
