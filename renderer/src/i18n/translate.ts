import { IntlMessageFormat } from 'intl-messageformat';
import { isolateLeftToRight } from '@shared/bidi';
import type { Catalog, MessageKey } from './fr';

export type MessageParams = Record<string, string | number>;

/**
 * Messages are ICU MessageFormat (FormatJS): `{name}` fills a value, `{count, plural, …}` picks
 * the form each language's rules ask for (Arabic has six: zero, one, two, few, many, other).
 * Parsed once per message and locale.
 */
const formats = new Map<string, IntlMessageFormat>();
const formatFor = (message: string, locale: string): IntlMessageFormat => {
  const id = `${locale}\u0000${message}`;
  let format = formats.get(id);
  if (!format) formats.set(id, (format = new IntlMessageFormat(message, locale)));
  return format;
};

export interface TranslateOptions {
  locale: string;
  /** Right-to-left text: each text value goes in as an isolate, so an amount keeps its order. */
  rtl: boolean;
}

/** The message in the reader's language; a missing parameter stays visible rather than vanishing. */
export function translate(catalog: Catalog, key: MessageKey, params: MessageParams = {}, options: TranslateOptions = { locale: 'fr', rtl: false }): string {
  const message = catalog[key];
  const values = options.rtl
    ? Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? isolateLeftToRight(value) : value]))
    : params;
  try {
    return String(formatFor(message, options.locale).format(values));
  } catch {
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
  }
}

/** For keys built from data (an audit action, a refusal reason): a typed guard, not a cast. */
export function isMessageKey(catalog: Catalog, key: string): key is MessageKey {
  return Object.hasOwn(catalog, key);
}
