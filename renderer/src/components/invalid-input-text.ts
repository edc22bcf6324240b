import type { MessageParams } from '../i18n/translate';

interface Issue {
  path: string;
  code: string;
  limit?: number;
  origin?: string;
}

type TryT = (key: string, fallback: string, params?: MessageParams) => string;

function firstIssue(details: Record<string, unknown> | undefined): Issue | null {
  const issues = Array.isArray(details?.issues) ? (details.issues as unknown[]) : [];
  const first = issues[0];
  if (typeof first !== 'object' || first === null) return null;
  const { path, code, limit, origin } = first as Record<string, unknown>;
  if (typeof path !== 'string' || typeof code !== 'string') return null;
  return { path, code, limit: typeof limit === 'number' ? limit : undefined, origin: typeof origin === 'string' ? origin : undefined };
}

/**
 * An INVALID_INPUT in the user's words: which field (the last name in the issue's path,
 * `lines.0.reference` → "Reference") and why ("contains a control character", "too long (at
 * most 40 characters)"). Null when the refusal names no field issue: the caller keeps its own
 * sentence (a rule the service named, or the general one).
 */
export function invalidInputText(details: Record<string, unknown> | undefined, tryT: TryT): string | null {
  const issue = firstIssue(details);
  if (!issue) return null;
  const params = { limit: issue.limit ?? '—' };
  const other = tryT('input.issue.other', 'value refused');
  const general = tryT(`input.issue.${issue.code}`, other, params);
  const reason = issue.origin ? tryT(`input.issue.${issue.code}.${issue.origin}`, general, params) : general;
  const field = issue.path.split('.').filter((part) => !/^\d+$/.test(part)).pop();
  const fieldName = field ? tryT(`field.${field}`, '') : '';
  return fieldName ? tryT('error.INVALID_INPUT.field', reason, { field: fieldName, reason }) : tryT('error.INVALID_INPUT.reason', reason, { reason });
}
