import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGUAGES, type Language } from '@shared/roles';
import { catalogs } from './catalogs';
import { formatDateTime, formatMoney } from './format';
import { I18nContext, type I18n } from './i18n-context';
import { directionOf, intlLocale } from './locale';
import { isMessageKey, translate } from './translate';

const STORAGE_KEY = 'counter.language';

/** The workstation remembers the last language chosen, for the next sign-in screen. */
function storedLanguage(): Language | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.find((language) => language === stored) ?? null;
}

interface Props {
  /** Branch country and currency, once the status has arrived. */
  country: string | undefined;
  currency: string | undefined;
  /** The branch's language, used until someone picks one at this workstation. */
  branchLanguage: Language | undefined;
  children: ReactNode;
}

export function I18nProvider({ country, currency, branchLanguage, children }: Props) {
  const [chosen, setChosen] = useState<Language | null>(storedLanguage);
  const language: Language = chosen ?? branchLanguage ?? 'fr';

  const value = useMemo<I18n>(() => {
    const catalog = catalogs[language];
    const locale = intlLocale(language, country);
    const options = { locale, rtl: directionOf(language) === 'rtl' };
    return {
      language,
      dir: directionOf(language),
      locale,
      t: (key, params) => translate(catalog, key, params, options),
      tryT: (key, fallback, params) => (isMessageKey(catalog, key) ? translate(catalog, key, params, options) : fallback),
      setLanguage: (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setChosen(next);
      },
      money: (minorUnits) => formatMoney(minorUnits, currency ?? 'DJF', locale),
      dateTime: (iso) => formatDateTime(iso, locale),
    };
  }, [language, country, currency]);

  // Screen readers, fonts and the browser's own bidi need the real attributes on <html>.
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = value.dir;
    document.title = value.t('app.title');
  }, [language, value]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
