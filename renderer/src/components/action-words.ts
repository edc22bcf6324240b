import { useCallback } from 'react';
import { useI18n } from '../i18n';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})$/i;

/**
 * An operation id as people quote it: its last eight characters (the random end of a
 * uuid7, unlike its time-ordered start). The whole id stays in the row's data for search.
 */
export const shortReference = (value: string): string => {
  const match = UUID.exec(value);
  return match ? `…${match[1]!.slice(-8)}` : value;
};

/**
 * Names an audited action in the reader's words: `ledger.<kind>` bookings by their
 * operation name, every other code by the action catalog, an unknown one as "other operation"
 * (never the code itself).
 */
export function useActionName(): (action: string) => string {
  const { t, tryT } = useI18n();
  return useCallback(
    (action: string) => {
      if (action.startsWith('ledger.')) {
        const kind = action.slice('ledger.'.length);
        return t('action.ledger', { kind: tryT(`ops.kind.${kind}`, t('action.other')) });
      }
      return tryT(`action.${action}`, t('action.other'));
    },
    [t, tryT],
  );
}
