import { useCallback } from 'react';
import { isFailure } from '../../api';
import { invalidInputText } from '../../components/invalid-input-text';
import { useI18n } from '../../i18n';

/** A refused customers call in the clerk's words: the rule's sentence, else the field and why, else the error code's. */
export function useCustomerFailureText(): (error: unknown) => string {
  const { t, tryT } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (!isFailure(error)) return t('error.INTERNAL');
      const field = error.code === 'INVALID_INPUT' ? invalidInputText(error.details, tryT) : null;
      const general = field ?? t(`error.${error.code}`);
      const rule = typeof error.details?.rule === 'string' ? error.details.rule : null;
      return rule ? tryT(`customers.rule.${rule}`, general) : general;
    },
    [t, tryT],
  );
}
