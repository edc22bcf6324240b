import { useCallback } from 'react';
import { isFailure } from '../../api';
import { useI18n } from '../../i18n';
import { useFailureText } from '../../hooks/use-failure-text';

/** Mail and pickup refusals in the clerk's words (`mail.rule.overweight`…), else the cash wording. */
export function useMailFailureText(): (error: unknown) => string | null {
  const { tryT } = useI18n();
  const cashText = useFailureText();
  return useCallback(
    (error: unknown) => {
      const fallback = cashText(error);
      if (!isFailure(error) || fallback === null) return fallback;
      const details = error.details ?? {};
      const issues = Array.isArray(details.issues) ? (details.issues as Array<{ code?: unknown }>) : [];
      const rule = typeof details.rule === 'string' ? details.rule : typeof issues[0]?.code === 'string' ? issues[0].code : null;
      if (!rule) return fallback;
      const limit = typeof details.limit === 'number' ? String(details.limit) : '—';
      return tryT(`mail.rule.${rule}`, tryT(`pickup.rule.${rule}`, fallback), { limit });
    },
    [tryT, cashText],
  );
}
