import { useCallback } from 'react';
import { isFailure } from '../api';
import { useI18n } from '../i18n';
import { invalidInputText } from './invalid-input-text';

/**
 * The clerk-facing sentence for any failure: by code, never the host's English message; a
 * refused entry says which field and why.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, tryT } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (!isFailure(error)) return t('error.INTERNAL');
      const field = error.code === 'INVALID_INPUT' ? invalidInputText(error.details, tryT) : null;
      return field ?? t(`error.${error.code}`);
    },
    [t, tryT],
  );
}
