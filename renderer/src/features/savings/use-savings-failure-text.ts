import { useCallback } from 'react';
import { isFailure } from '../../api';
import { useFailureText } from '../../hooks/use-failure-text';
import { useI18n } from '../../i18n';

/**
 * A refused savings call in the clerk's words: the savings rule's sentence (head office's reasons
 * included, with the product's minimum where it has one), else the customer register's, else the
 * cash screens' general wording. Null when the clerk closed the approval dialog herself.
 */
export function useSavingsFailureText(): (error: unknown) => string | null {
  const general = useFailureText();
  const { tryT, money } = useI18n();
  return useCallback(
    (error: unknown) => {
      const rule = isFailure(error) && typeof error.details?.rule === 'string' ? error.details.rule : null;
      if (isFailure(error) && rule) {
        const minimum = typeof error.details?.minimum === 'number' ? money(error.details.minimum) : '—';
        const own = tryT(`cash.rule.${rule}`, '', { minimum }) || tryT(`customers.rule.${rule}`, '');
        if (own) return own;
      }
      return general(error);
    },
    [general, tryT, money],
  );
}
