import { useCallback } from 'react';
import { isFailure } from '../../api';
import { ApprovalCancelled } from '../../components/approval';
import { invalidInputText } from '../../components/invalid-input-text';
import { useI18n } from '../../i18n';

/** The first field issue's code, or the rule the service named (`till-state`, `amount-zero`…). */
function ruleOf(details: Record<string, unknown> | undefined): string | null {
  if (!details) return null;
  if (typeof details.rule === 'string') return details.rule;
  const issues = Array.isArray(details.issues) ? (details.issues as unknown[]) : [];
  const first = issues[0];
  if (typeof first === 'object' && first !== null && 'code' in first && typeof first.code === 'string') return first.code;
  return null;
}

/**
 * What the clerk reads about a refused cash operation: the rule in their
 * language when we know it, else the general sentence for the error code.
 * Null when the clerk closed the approval dialog themselves (nothing happened).
 */
export function useFailureText(): (error: unknown) => string | null {
  const { t, tryT, money } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApprovalCancelled) return null;
      if (!isFailure(error)) return t('error.INTERNAL');
      // A refused entry says which field and why, unless the rule has its own sentence.
      const field = error.code === 'INVALID_INPUT' ? invalidInputText(error.details, tryT) : null;
      const general = field ?? t(`error.${error.code}`);
      const rule = ruleOf(error.details);
      const ceiling = typeof error.details?.ceiling === 'number' ? money(error.details.ceiling) : '—';
      const { available, asked } = error.details ?? {};
      // Not enough cash: say how much is there and how much is missing, not only "no".
      if (rule === 'insufficient-funds' && typeof available === 'number' && typeof asked === 'number') {
        return t('cash.rule.insufficient-funds-detail', { available: money(available), asked: money(asked), missing: money(asked - available) });
      }
      return rule ? tryT(`cash.rule.${rule}`, general, { ceiling }) : general;
    },
    [t, tryT, money],
  );
}
