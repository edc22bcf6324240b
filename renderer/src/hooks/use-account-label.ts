import { useCallback } from 'react';
import { useI18n } from '../i18n';

/** An account as the journal names it: its kind (`code`), its id and the name stored with it. */
export interface NamedAccount {
  id: string;
  name: string;
  code?: string;
}

const NEEDS_QUALIFIER = new Set(['revenue', 'paid-in', 'paid-out', 'cod-payable']);

/**
 * The catalog message naming an account, keyed by its code (`account.till-cash`…). What sets one
 * account of a kind apart comes from its id, which the ledger builds as `code:qualifier:currency`
 * (revenue per product, paid-in/out per reason, COD payable per marketplace); a till's cash
 * account is named by the till of the entry. Null when anything is unexpected: the stored name shows.
 */
export function accountMessage(account: NamedAccount, tillId?: string | null): { key: string; params: { qualifier: string; till: string } } | null {
  const code = account.code;
  if (!code) return null;
  const parts = account.id.split(':');
  const qualifier = parts[0] === code && parts.length >= 3 ? parts.slice(1, -1).join(':') : '';
  if (NEEDS_QUALIFIER.has(code) && !qualifier) return null;
  if (code === 'till-cash' && !tillId) return null;
  return { key: `account.${code}`, params: { qualifier, till: tillId ?? '' } };
}

/** The account in the reader's language, the stored name as the fallback. */
export function useAccountLabel(): (account: NamedAccount, tillId?: string | null) => string {
  const { tryT } = useI18n();
  return useCallback(
    (account, tillId) => {
      const message = accountMessage(account, tillId);
      return message ? tryT(message.key, account.name, message.params) : account.name;
    },
    [tryT],
  );
}
