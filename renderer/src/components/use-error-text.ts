import { useCallback } from 'react';
import { isFailure } from '../api';
import { useI18n } from '../i18n';

/** The clerk-facing sentence for any failure: by code, never the host's English message. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return useCallback((error: unknown) => (isFailure(error) ? t(`error.${error.code}`) : t('error.INTERNAL')), [t]);
}
