import type { Catalog, MessageKey } from './fr';

export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function translate(catalog: Catalog, key: MessageKey, params: MessageParams = {}): string {
  return catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** For keys built from data (an audit action, a refusal reason): a typed guard, not a cast. */
export function isMessageKey(catalog: Catalog, key: string): key is MessageKey {
  return Object.hasOwn(catalog, key);
}
