import { useCallback } from 'react';
import { isFailure } from '../../api';
import { useFailureText } from '../../hooks/use-failure-text';
import { useI18n } from '../../i18n';

/**
 * A refused money-order call in the clerk's words: the rule's sentence (`cash.rule.<rule>`, head
 * office's reasons included) with the figures the service named in its details (amounts in the
 * branch currency, a branch, a time), else the customer register's, else the cash screens'
 * general wording. Null when the clerk closed the approval dialog herself.
 */
/** Details that count something (attempts, days) rather than an amount of money. */
const COUNTS = /count|attempts|days/i;

export function useMoneyOrdersFailureText(): (error: unknown) => string | null {
  const general = useFailureText();
  const { tryT, money, dateTime } = useI18n();
  return useCallback(
    (error: unknown) => {
      const rule = isFailure(error) && typeof error.details?.rule === 'string' ? error.details.rule : null;
      if (isFailure(error) && rule) {
        const params: Record<string, string> = {};
        for (const [name, value] of Object.entries(error.details ?? {})) {
          if (typeof value === 'number') params[name] = COUNTS.test(name) ? String(value) : money(value);
          else if (typeof value === 'string') params[name] = /^\d{4}-\d\d-\d\dT/.test(value) ? dateTime(value) : value;
        }
        const own = tryT(`cash.rule.${rule}`, '', params) || tryT(`customers.rule.${rule}`, '', params);
        if (own) return own;
      }
      return general(error);
    },
    [general, tryT, money, dateTime],
  );
}
